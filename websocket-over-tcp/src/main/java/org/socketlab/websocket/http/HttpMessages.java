package org.socketlab.websocket.http;

import java.util.Arrays;
import java.util.List;

/** Invariants shared by {@link HttpRequest} and {@link HttpResponse}. */
final class HttpMessages {

    static final byte[] EMPTY = new byte[0];

    private HttpMessages() {
    }

    static byte[] copyBody(byte[] body) {
        return body == null || body.length == 0 ? EMPTY : Arrays.copyOf(body, body.length);
    }

    /**
     * A body we write must be framed: RFC 9112 §6.3 — without Content-Length (or a transfer coding)
     * the recipient cannot tell where it ends. A HEAD-style message may declare a length and carry none.
     */
    static void requireFramedBody(HttpHeaders headers, byte[] body) {
        if (body.length == 0) {
            return;
        }
        if (headers.contains("Transfer-Encoding")) {
            throw new IllegalArgumentException("a message with Transfer-Encoding must be written as head + "
                    + "encoded chunks, not with a byte[] body (RFC 9112 §6.1)");
        }
        List<String> lengths = headers.tokens("Content-Length");
        // Compare as numbers: "007" is a valid Content-Length of 7 (RFC 9110 §8.6: 1*DIGIT).
        boolean matches = !lengths.isEmpty() && lengths.stream().allMatch(value -> declares(value, body.length));
        if (!matches) {
            throw new IllegalArgumentException("body has " + body.length + " bytes but Content-Length is "
                    + (lengths.isEmpty() ? "absent" : HttpSyntax.quote(String.join(", ", lengths)))
                    + " (RFC 9112 §6.3); use a factory that sets it");
        }
    }

    private static boolean declares(String value, int length) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        return digits.length() <= 10 && Long.parseLong(digits) == length;
    }

    static void requireVersion(String version) {
        if (version == null || !version.matches("HTTP/[0-9]\\.[0-9]")) {
            throw new IllegalArgumentException("HTTP-version must look like HTTP/1.1 (RFC 9112 §2.3), got "
                    + (version == null ? "null" : HttpSyntax.quote(version)));
        }
    }
}
