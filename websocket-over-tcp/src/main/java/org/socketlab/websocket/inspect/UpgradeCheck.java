package org.socketlab.websocket.inspect;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.socketlab.websocket.handshake.AcceptKey;

/**
 * Explains and checks the WebSocket opening handshake as it passes (RFC 6455 §4.1, §4.2.2):
 * the client's key and version, and whether the server's {@code Sec-WebSocket-Accept} really is
 * base64(SHA-1(key + GUID)). Stateless.
 */
final class UpgradeCheck {

    private UpgradeCheck() {
    }

    static void request(HttpHead request, List<String> out) {
        Optional<String> key = request.first("Sec-WebSocket-Key");
        out.add("WebSocket upgrade requested: key " + key.orElse("(none)") + ", version "
                + request.first("Sec-WebSocket-Version").orElse("(none)")
                + request.first("Sec-WebSocket-Protocol").map(p -> ", subprotocols offered: " + p).orElse("")
                + request.first("Sec-WebSocket-Extensions").map(e -> ", extensions offered: " + e).orElse(""));
        if (!request.method().equals("GET")) {
            out.add("! the opening handshake must be a GET (RFC 6455 §4.1 item 2), got " + request.method());
        }
        if (key.isEmpty()) {
            out.add("! no Sec-WebSocket-Key (RFC 6455 §4.1 item 7): a server answers 400");
        } else if (decodedLength(key.get()) != 16) {
            out.add("! Sec-WebSocket-Key must be base64 of 16 random bytes (RFC 6455 §4.1 item 7), got \""
                    + key.get() + "\": a server answers 400");
        }
        if (!request.first("Sec-WebSocket-Version").orElse("").equals("13")) {
            out.add("! Sec-WebSocket-Version must be 13 (RFC 6455 §4.1 item 9): a server answers 426 "
                    + "with Sec-WebSocket-Version: 13");
        }
        out.add("client bytes after this request are held until the server answers");
    }

    /**
     * Checks a 101 answer to an upgrade request.
     *
     * @return the accepted permessage-deflate parameters (lower case), or null when it was not accepted
     */
    static String accepted(HttpHead request, HttpHead response, List<String> out) {
        Optional<String> key = request.first("Sec-WebSocket-Key");
        Optional<String> accept = response.first("Sec-WebSocket-Accept");
        if (key.isPresent() && accept.isPresent()) {
            String expected = AcceptKey.compute(key.get());
            if (expected.equals(accept.get())) {
                out.add("WebSocket upgrade accepted: Sec-WebSocket-Accept " + accept.get()
                        + " = base64(SHA-1(key + \"" + AcceptKey.GUID + "\")) ✓ correct");
            } else {
                out.add("! Sec-WebSocket-Accept " + accept.get() + " is wrong; base64(SHA-1(key + GUID)) is " + expected
                        + " (RFC 6455 §4.2.2 item 5.4): the client fails the connection");
            }
        } else {
            out.add("! the 101 has no Sec-WebSocket-Accept (RFC 6455 §4.2.2): the client fails the connection");
        }
        if (!response.isWebSocketUpgrade()) {
            out.add("! the 101 must carry Upgrade: websocket and Connection: Upgrade (RFC 6455 §4.2.2 items 5.2, 5.3)");
        }
        response.first("Sec-WebSocket-Protocol").ifPresent(protocol -> out.add("subprotocol chosen: " + protocol));
        String deflate = response.tokens("Sec-WebSocket-Extensions").stream()
                .filter(extension -> extension.startsWith("permessage-deflate")).findFirst().orElse(null);
        response.first("Sec-WebSocket-Extensions").ifPresent(e -> out.add("extensions accepted: " + e
                + (deflate != null ? " (RSV1 marks compressed messages; they are inflated for display)" : "")));
        out.add("from here on: WebSocket frames in both directions (RFC 6455 §5)");
        return deflate;
    }

    private static int decodedLength(String key) {
        try {
            return Base64.getDecoder().decode(key).length;
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
    }
}
