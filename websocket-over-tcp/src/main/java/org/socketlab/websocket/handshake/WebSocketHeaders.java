package org.socketlab.websocket.handshake;

/** Header names and small syntax helpers of the opening handshake (RFC 6455 §11.3). */
final class WebSocketHeaders {

    static final String HOST = "Host";
    static final String UPGRADE = "Upgrade";
    static final String CONNECTION = "Connection";
    static final String ORIGIN = "Origin";
    static final String KEY = "Sec-WebSocket-Key";
    static final String ACCEPT = "Sec-WebSocket-Accept";
    static final String VERSION = "Sec-WebSocket-Version";
    static final String PROTOCOL = "Sec-WebSocket-Protocol";
    static final String EXTENSIONS = "Sec-WebSocket-Extensions";
    static final String WEBSOCKET = "websocket";
    static final String SUPPORTED_VERSION = "13";

    private WebSocketHeaders() {
    }

    /** RFC 9110 §5.6.2 token: what subprotocol names and extension names must be. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean tchar = c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
