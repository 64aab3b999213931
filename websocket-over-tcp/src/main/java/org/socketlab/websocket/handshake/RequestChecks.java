package org.socketlab.websocket.handshake;

import static org.socketlab.websocket.handshake.WebSocketHeaders.CONNECTION;
import static org.socketlab.websocket.handshake.WebSocketHeaders.HOST;
import static org.socketlab.websocket.handshake.WebSocketHeaders.KEY;
import static org.socketlab.websocket.handshake.WebSocketHeaders.ORIGIN;
import static org.socketlab.websocket.handshake.WebSocketHeaders.PROTOCOL;
import static org.socketlab.websocket.handshake.WebSocketHeaders.SUPPORTED_VERSION;
import static org.socketlab.websocket.handshake.WebSocketHeaders.UPGRADE;
import static org.socketlab.websocket.handshake.WebSocketHeaders.VERSION;
import static org.socketlab.websocket.handshake.WebSocketHeaders.WEBSOCKET;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpStatus;

/** The server's checks of a client's opening handshake, one method per item of RFC 6455 §4.2.1. */
final class RequestChecks {

    private RequestChecks() {
    }

    /** §4.2.1 item 1: "An HTTP/1.1 or higher GET request". */
    static void method(HttpRequest request) throws HandshakeException {
        if (!request.method().equals("GET")) {
            throw new HandshakeException(HttpStatus.METHOD_NOT_ALLOWED, "the opening handshake must be a GET request, got "
                    + quote(request.method()) + " (RFC 6455 §4.1, §4.2.1)", HttpHeaders.of("Allow", "GET"));
        }
    }

    /** §4.2.1 item 1: HTTP/1.1 or later; a major version other than 1 is 505 (RFC 9110 §15.6.6). */
    static void httpVersion(HttpRequest request) throws HandshakeException {
        String version = request.version();
        if (version.charAt(5) != '1') {
            throw new HandshakeException(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "the opening handshake is defined for "
                    + "HTTP/1.1, got " + quote(version) + " (RFC 6455 §4.2.1, RFC 9110 §15.6.6)");
        }
        if (version.charAt(7) < '1') {
            throw badRequest("the opening handshake needs HTTP/1.1 or later, got " + quote(version) + " (RFC 6455 §4.2.1)");
        }
    }

    /** §4.2.1 item 2 and RFC 9112 §3.2: exactly one non-empty Host. */
    static void host(HttpHeaders headers) throws HandshakeException {
        List<String> hosts = headers.all(HOST);
        if (hosts.size() != 1 || hosts.get(0).isEmpty()) {
            throw badRequest("the request must carry exactly one non-empty Host header, got "
                    + (hosts.isEmpty() ? "none" : quote(String.join(", ", hosts))) + " (RFC 6455 §4.2.1, RFC 9112 §3.2)");
        }
    }

    /** §4.2.1 items 3 and 4: Upgrade names websocket, Connection names Upgrade (both lists, any case). */
    static void upgrade(HttpHeaders headers) throws HandshakeException {
        HttpHeaders required = HttpHeaders.of(UPGRADE, WEBSOCKET);
        if (!headers.containsToken(UPGRADE, WEBSOCKET)) {
            throw new HandshakeException(HttpStatus.UPGRADE_REQUIRED, "the Upgrade header must contain \"websocket\", got "
                    + quoteAll(headers, UPGRADE) + " (RFC 6455 §4.2.1 item 3)", required);
        }
        if (!headers.containsToken(CONNECTION, "Upgrade")) {
            throw new HandshakeException(HttpStatus.UPGRADE_REQUIRED, "the Connection header must contain \"Upgrade\", got "
                    + quoteAll(headers, CONNECTION) + " (RFC 6455 §4.2.1 item 4)", required);
        }
    }

    /** §4.2.1 item 5: one Sec-WebSocket-Key, the base64 of 16 bytes (RFC 4648 §4, padded). */
    static String key(HttpHeaders headers) throws HandshakeException {
        List<String> keys = headers.all(KEY);
        if (keys.size() != 1) {
            throw badRequest("the request must carry exactly one Sec-WebSocket-Key, got " + keys.size()
                    + " (RFC 6455 §4.2.1 item 5, §11.3.1)");
        }
        String key = keys.get(0);
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw badRequest("Sec-WebSocket-Key must be base64, got " + quote(key) + " (RFC 6455 §4.2.1 item 5)");
        }
        if (decoded.length != 16) {
            throw badRequest("Sec-WebSocket-Key must decode to 16 bytes, got " + decoded.length + " from " + quote(key)
                    + " (RFC 6455 §4.2.1)");
        }
        if (key.length() != 24) {
            throw badRequest("Sec-WebSocket-Key must be 24 characters of padded base64, got " + quote(key)
                    + " (RFC 6455 §4.1, RFC 4648 §4)");
        }
        return key;
    }

    /** §4.2.1 item 6 and §4.4: exactly "13", else 426 naming the version we speak. */
    static void webSocketVersion(HttpHeaders headers) throws HandshakeException {
        List<String> versions = headers.all(VERSION);
        if (versions.size() != 1 || !versions.get(0).equals(SUPPORTED_VERSION)) {
            throw new HandshakeException(HttpStatus.UPGRADE_REQUIRED, "Sec-WebSocket-Version must be 13, got "
                    + quoteAll(headers, VERSION) + " (RFC 6455 §4.2.1 item 6, §4.4)",
                    HttpHeaders.of(VERSION, SUPPORTED_VERSION, UPGRADE, WEBSOCKET));
        }
    }

    /** §4.2.2 /origin/ and §10.2: a browser's Origin must pass the policy, else 403. */
    static void origin(HttpHeaders headers, OriginPolicy policy) throws HandshakeException {
        List<String> origins = headers.all(ORIGIN);
        if (origins.size() > 1) {
            throw badRequest("a request carries at most one Origin header, got " + quoteAll(headers, ORIGIN)
                    + " (RFC 6454 §7)");
        }
        Optional<String> origin = origins.stream().findFirst();
        if (!policy.allows(origin)) {
            String what = origin.map(value -> "origin " + quote(value) + " is not allowed")
                    .orElse("a request without Origin is not allowed");
            throw new HandshakeException(HttpStatus.FORBIDDEN, what + " by this server's origin policy"
                    + " (RFC 6455 §4.2.2 /origin/, §10.2)");
        }
    }

    /** §4.2.1 item 8: the client's subprotocols, in its order of preference; each must be a token. */
    static List<String> offeredSubprotocols(HttpHeaders headers) throws HandshakeException {
        List<String> offered = headers.tokens(PROTOCOL);
        for (String subprotocol : offered) {
            if (!WebSocketHeaders.isToken(subprotocol)) {
                throw badRequest("each Sec-WebSocket-Protocol element must be a token, got " + quote(subprotocol)
                        + " (RFC 6455 §4.1 item 10)");
            }
        }
        return offered;
    }

    private static HandshakeException badRequest(String message) {
        return new HandshakeException(HttpStatus.BAD_REQUEST, message);
    }

    private static String quoteAll(HttpHeaders headers, String name) {
        List<String> values = headers.all(name);
        return values.isEmpty() ? "none" : quote(String.join(", ", values));
    }

    static String quote(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return "\"" + shown + "\"";
    }
}
