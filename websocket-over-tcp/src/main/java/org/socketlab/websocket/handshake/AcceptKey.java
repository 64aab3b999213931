package org.socketlab.websocket.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Sec-WebSocket-Accept} value (RFC 6455 §4.2.2 item 5.4):
 * base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")).
 *
 * <p>Its only job is to prove that the server read this handshake: a plain HTTP server or a
 * cache cannot produce it, so a client never mistakes a non-WebSocket reply for an upgrade.
 * It is not a security mechanism (SHA-1 is fine here).
 */
public final class AcceptKey {

    /** The GUID every endpoint appends to the key (RFC 6455 §1.3). */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private AcceptKey() {
    }

    /** {@code compute("dGhlIHNhbXBsZSBub25jZQ==")} is {@code "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="} (RFC 6455 §1.3). */
    public static String compute(String secWebSocketKey) {
        // BEGIN SOLUTION lab=08 task="compute Sec-WebSocket-Accept = base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2)"
        byte[] input = (secWebSocketKey + GUID).getBytes(StandardCharsets.US_ASCII);
        return Base64.getEncoder().encodeToString(sha1().digest(input));
        // END SOLUTION
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 (MessageDigest javadoc), so this cannot happen.
            throw new IllegalStateException("this JVM has no SHA-1 MessageDigest", e);
        }
    }
}
