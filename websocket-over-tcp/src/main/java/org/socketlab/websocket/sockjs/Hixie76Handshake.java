package org.socketlab.websocket.sockjs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpStatus;

/**
 * The opening handshake of draft-ietf-hybi-thewebsocketprotocol-00 ("hixie-76", 2010), which
 * SockJS 0.3.3 servers still answer on their {@code websocket} transport (the protocol suite's
 * {@code WebsocketHixie76} cases; sockjs-node does the same). Pure: no I/O, no clock.
 *
 * <p>The client proves it speaks WebSocket with two keys and eight bytes after its head: each
 * key's digits, read as a number, divided by the key's count of spaces gives a 32-bit number
 * (draft-76 §5.2 step 4); the server answers with the MD5 of both numbers (big-endian) and the
 * eight bytes. The head of the answer does not depend on those eight bytes, so it is written
 * first ({@link #responseHead}) and the 16-byte {@link #challengeAnswer} once they arrive:
 * HAProxy forwards the eight bytes only after it has seen the server's head (the suite's
 * {@code test_haproxy}).
 */
public final class Hixie76Handshake {

    /** The bytes that follow the request head (draft-76 §4.1 step 30, "key3"). */
    public static final int KEY3_LENGTH = 8;
    private static final long MAX_KEY_NUMBER = 0xFFFF_FFFFL;

    private final long number1;
    private final long number2;
    private final String origin;
    private final String hostAndTarget;

    private Hixie76Handshake(long number1, long number2, String origin, String hostAndTarget) {
        this.number1 = number1;
        this.number2 = number2;
        this.origin = origin;
        this.hostAndTarget = hostAndTarget;
    }

    /** A hixie-76 request: both keys present and no {@code Sec-WebSocket-Version} (RFC 6455 clients send one). */
    public static boolean isHixie76(HttpRequest request) {
        return request.headers().first("Sec-WebSocket-Key1").isPresent()
                && request.headers().first("Sec-WebSocket-Key2").isPresent()
                && request.headers().first("Sec-WebSocket-Version").isEmpty();
    }

    /**
     * Checks the request's keys and Host and prepares the answer.
     *
     * @throws HandshakeException 400 for a key that breaks draft-76 §5.2 or a missing Host
     */
    public static Hixie76Handshake of(HttpRequest request) throws HandshakeException {
        long number1 = keyNumber("Sec-WebSocket-Key1", request.headers().first("Sec-WebSocket-Key1").orElse(""));
        long number2 = keyNumber("Sec-WebSocket-Key2", request.headers().first("Sec-WebSocket-Key2").orElse(""));
        String host = request.headers().first("Host").orElse(null);
        if (host == null || host.isBlank()) {
            throw new HandshakeException(HttpStatus.BAD_REQUEST,
                    "a hixie-76 handshake needs Host: the answer names the WebSocket's location (draft-76 §5.2)");
        }
        return new Hixie76Handshake(number1, number2, request.headers().first("Origin").orElse(null), host.strip() + request.target());
    }

    /**
     * A key's number: its digits divided by its spaces (draft-76 §5.2 step 4). At least one space,
     * digits that fit 32 bits, and a whole quotient, or the key is not one a client generated.
     */
    static long keyNumber(String name, String key) throws HandshakeException {
        long digits = 0;
        int spaces = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                if (digits > MAX_KEY_NUMBER) {
                    throw new HandshakeException(HttpStatus.BAD_REQUEST, name + "'s digits exceed 2^32-1 "
                            + "(draft-76 §5.2 step 4): \"" + key + "\"");
                }
            } else if (c == ' ') {
                spaces++;
            }
        }
        if (spaces == 0 || digits % spaces != 0) {
            throw new HandshakeException(HttpStatus.BAD_REQUEST, name + " must have spaces that divide its digits "
                    + "exactly (draft-76 §5.2 step 4): \"" + key + "\"");
        }
        return digits / spaces;
    }

    /**
     * The 101 head: {@code Upgrade: WebSocket}, {@code Connection: Upgrade}, the request's origin
     * and the WebSocket's location (draft-76 §5.2 steps 6-8); no Content-Length, which would make
     * proxies wait for a body.
     *
     * @param secure whether the connection is TLS (the location's scheme is then {@code wss})
     */
    public byte[] responseHead(boolean secure) {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 101 WebSocket Protocol Handshake\r\n")
                .append("Upgrade: WebSocket\r\n")
                .append("Connection: Upgrade\r\n");
        if (origin != null) {
            head.append("Sec-WebSocket-Origin: ").append(origin).append("\r\n");
        }
        head.append("Sec-WebSocket-Location: ").append(location(secure)).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** MD5 of number1, number2 (4 bytes each, big-endian) and key3: the 16 bytes that end the handshake. */
    public byte[] challengeAnswer(byte[] key3) {
        if (key3.length != KEY3_LENGTH) {
            throw new IllegalArgumentException("key3 is " + KEY3_LENGTH + " bytes, got " + key3.length);
        }
        ByteBuffer challenge = ByteBuffer.allocate(16)
                .putInt((int) number1)
                .putInt((int) number2)
                .put(key3);
        try {
            return MessageDigest.getInstance("MD5").digest(challenge.array());
        } catch (NoSuchAlgorithmException mandatory) {
            throw new IllegalStateException("every Java platform has MD5 (MessageDigest)", mandatory);
        }
    }

    /** The WebSocket's URL as the client asked for it: scheme, Host, request target. */
    String location(boolean secure) {
        return (secure ? "wss://" : "ws://") + hostAndTarget;
    }
}
