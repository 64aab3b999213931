package org.socketlab.websocket.routing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Connection ids like API Gateway's ({@code L0SM9cOFvHcCIhw=}): 96 random bits from
 * {@link SecureRandom}, URL-safe base64 without padding (16 characters), so an id can sit in a
 * URL path unescaped and cannot be guessed to post to somebody else's connection.
 */
final class ConnectionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** What an id may look like in a request path (checked before any lookup). */
    static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private ConnectionIds() {
    }

    static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
