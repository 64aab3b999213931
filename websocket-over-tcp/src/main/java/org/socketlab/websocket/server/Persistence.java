package org.socketlab.websocket.server;

import org.socketlab.websocket.http.HttpRequest;

/** Whether a connection may carry another request after this one (RFC 9112 §9.3). */
final class Persistence {

    private Persistence() {
    }

    /**
     * RFC 9112 §9.3: HTTP/1.1 connections persist unless either side says {@code close};
     * HTTP/1.0 ones only when the client asks for {@code keep-alive}. The server may still refuse.
     */
    static boolean clientWantsKeepAlive(HttpRequest request) {
        // BEGIN SOLUTION lab=06 task="keep the connection? HTTP/1.1 unless Connection: close, HTTP/1.0 only with keep-alive (RFC 9112 §9.3)"
        if (request.headers().containsToken("Connection", "close")) {
            return false;
        }
        return !request.version().equals("HTTP/1.0") || request.headers().containsToken("Connection", "keep-alive");
        // END SOLUTION
    }
}
