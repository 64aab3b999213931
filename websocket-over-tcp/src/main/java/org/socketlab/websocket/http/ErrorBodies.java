package org.socketlab.websocket.http;

import java.util.Map;

/**
 * The text of an error response: fixed per status, never built from the request. A body that
 * quoted the offending request line or header would reflect attacker-chosen bytes back to
 * whoever reads the response (reflected XSS in a browser that ignores the content type, log or
 * terminal injection elsewhere; OWASP "Improper Error Handling"). The detailed
 * {@link HttpException#getMessage()}, which does quote the value, goes to the server log.
 */
final class ErrorBodies {

    private static final Map<Integer, String> EXPLANATIONS = Map.ofEntries(
            Map.entry(400, "the request is not a well-formed WebSocket opening handshake (RFC 6455 §4.2.1)"),
            Map.entry(403, "this origin may not open a WebSocket here (RFC 6455 §10.2)"),
            Map.entry(404, "there is no WebSocket endpoint at this path"),
            Map.entry(405, "the opening handshake must be a GET request (RFC 6455 §4.1)"),
            Map.entry(408, "the request did not arrive within the server's handshake timeout"),
            Map.entry(413, "the request body is larger than this server accepts"),
            Map.entry(414, "the request line is longer than this server accepts"),
            Map.entry(426, "this server speaks WebSocket version 13 (RFC 6455 §4.4)"),
            Map.entry(431, "the header section is larger than this server accepts (RFC 6585 §5)"),
            Map.entry(501, "this server does not implement what the request asks for"),
            Map.entry(503, "the server is at its connection limit or shutting down; try again later"),
            Map.entry(505, "the opening handshake needs HTTP/1.1 (RFC 6455 §4.1)"));

    private ErrorBodies() {
    }

    /** "403 Forbidden: this origin may not open a WebSocket here (RFC 6455 §10.2)\n". */
    static String forStatus(int status) {
        return forStatus(status, null);
    }

    /** As {@link #forStatus(int)}, with the server's own explanation when {@code explanation} is not null. */
    static String forStatus(int status, String explanation) {
        String head = status + " " + HttpStatus.reasonPhrase(status);
        if (explanation == null) {
            explanation = EXPLANATIONS.get(status);
        }
        return (explanation == null ? head : head + ": " + explanation) + "\n";
    }
}
