package org.socketlab.websocket.handshake;

import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpHeaders;

/**
 * The opening handshake of RFC 6455 §4 failed: the request was well-formed HTTP but not an
 * acceptable upgrade (405, 426, 403 for a refused {@code Origin}, 400 for a bad
 * {@code Sec-WebSocket-Key}, a refusal by an interceptor), or, on the client side, the server's
 * answer was not an acceptable 101 (its status, or 502 for a wrong accept key, an unoffered
 * subprotocol or extension). Malformed HTTP itself is the parent, {@link HttpException}; catch
 * that to handle both.
 */
public class HandshakeException extends HttpException {

    public HandshakeException(int status, String message) {
        super(status, message);
    }

    /** @see HttpException#HttpException(int, String, HttpHeaders) */
    public HandshakeException(int status, String message, HttpHeaders responseHeaders) {
        super(status, message, responseHeaders);
    }

    /** @see HttpException#HttpException(int, String, HttpHeaders, String) */
    public HandshakeException(int status, String message, HttpHeaders responseHeaders, String publicExplanation) {
        super(status, message, responseHeaders, publicExplanation);
    }
}
