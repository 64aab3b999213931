package org.socketlab.websocket.handshake;

import static org.socketlab.websocket.handshake.WebSocketHeaders.ACCEPT;
import static org.socketlab.websocket.handshake.WebSocketHeaders.CONNECTION;
import static org.socketlab.websocket.handshake.WebSocketHeaders.EXTENSIONS;
import static org.socketlab.websocket.handshake.WebSocketHeaders.PROTOCOL;
import static org.socketlab.websocket.handshake.WebSocketHeaders.UPGRADE;
import static org.socketlab.websocket.handshake.WebSocketHeaders.WEBSOCKET;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpStatus;

/** The client's checks of the server's response, one per item of RFC 6455 §4.1 (validation list). */
final class ResponseChecks {

    private ResponseChecks() {
    }

    static ClientHandshakeResult validate(HttpResponse response, String expectedAccept, List<String> offeredSubprotocols,
                                          List<String> offeredExtensions) throws HandshakeException {
        HttpHeaders headers = response.headers();
        status(response);
        upgrade(headers);
        connection(headers);
        accept(headers, expectedAccept);
        List<String> extensions = extensions(headers, offeredExtensions);
        Optional<String> subprotocol = subprotocol(headers, offeredSubprotocols);
        return new ClientHandshakeResult(subprotocol, extensions);
    }

    /** Item 1: anything but 101 means the server refused (or needs auth, a redirect, ...). */
    private static void status(HttpResponse response) throws HandshakeException {
        if (response.status() != HttpStatus.SWITCHING_PROTOCOLS) {
            String body = response.bodyText().strip();
            throw new HandshakeException(response.status(), "the server answered " + response.status() + " "
                    + response.reason() + " instead of 101 Switching Protocols (RFC 6455 §4.1)"
                    + (body.isEmpty() ? "" : ": " + RequestChecks.quote(body)));
        }
    }

    /** Item 2: Upgrade must be "websocket", ignoring ASCII case. */
    private static void upgrade(HttpHeaders headers) throws HandshakeException {
        List<String> values = headers.all(UPGRADE);
        if (values.size() != 1 || !values.get(0).equalsIgnoreCase(WEBSOCKET)) {
            throw invalid("the 101 response's Upgrade header must be \"websocket\", got " + quoteAll(values)
                    + " (RFC 6455 §4.1 item 2)");
        }
    }

    /** Item 3: Connection must name Upgrade, ignoring ASCII case. */
    private static void connection(HttpHeaders headers) throws HandshakeException {
        if (!headers.containsToken(CONNECTION, "Upgrade")) {
            throw invalid("the 101 response's Connection header must contain \"Upgrade\", got "
                    + quoteAll(headers.all(CONNECTION)) + " (RFC 6455 §4.1 item 3)");
        }
    }

    /** Item 4: exactly the accept value for our key, compared exactly (it is base64, case matters). */
    private static void accept(HttpHeaders headers, String expected) throws HandshakeException {
        List<String> values = headers.all(ACCEPT);
        if (values.size() != 1 || !values.get(0).equals(expected)) {
            throw invalid("Sec-WebSocket-Accept must be \"" + expected + "\" for our key, got " + quoteAll(values)
                    + " (RFC 6455 §4.1 item 4)");
        }
    }

    /** Item 5: every extension in use must be one we offered. */
    private static List<String> extensions(HttpHeaders headers, List<String> offered) throws HandshakeException {
        List<String> accepted = ExtensionList.split(headers.all(EXTENSIONS));
        Set<String> offeredNames = new HashSet<>();
        offered.forEach(element -> offeredNames.add(ExtensionList.name(element)));
        for (String element : accepted) {
            if (!offeredNames.contains(ExtensionList.name(element))) {
                throw invalid("the server accepted extension " + RequestChecks.quote(element) + ", which we did not "
                        + "offer (offered: " + offered + ") (RFC 6455 §4.1 item 5)");
            }
        }
        return accepted;
    }

    /** Item 6: at most one subprotocol, and one we offered. */
    private static Optional<String> subprotocol(HttpHeaders headers, List<String> offered) throws HandshakeException {
        List<String> values = headers.all(PROTOCOL);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() != 1 || !offered.contains(values.get(0))) {
            throw invalid("Sec-WebSocket-Protocol must be one of the subprotocols we offered " + offered + ", got "
                    + quoteAll(values) + " (RFC 6455 §4.1 item 6)");
        }
        return Optional.of(values.get(0));
    }

    private static HandshakeException invalid(String message) {
        return new HandshakeException(HttpStatus.BAD_GATEWAY, message);
    }

    private static String quoteAll(List<String> values) {
        return values.isEmpty() ? "none" : RequestChecks.quote(String.join(", ", values));
    }
}
