package org.socketlab.websocket.http;

import java.util.List;

/** Reads the Content-Length of a message (RFC 9112 §6.3) without trusting it. */
final class BodyFraming {

    /** No Content-Length field. */
    static final long ABSENT = -1;

    private BodyFraming() {
    }

    /**
     * The declared length, or {@link #ABSENT}. Repeated or comma-listed values must all be the
     * same digits (RFC 9110 §8.6); anything else makes the framing unknowable, so it is an error
     * with {@code malformedStatus} (RFC 9112 §6.3 item 5). Absurdly long numbers become
     * {@link Long#MAX_VALUE}, which every limit refuses.
     */
    static long contentLength(HttpHeaders headers, int malformedStatus) throws HttpException {
        List<String> values = headers.tokens("Content-Length");
        if (values.isEmpty()) {
            if (headers.contains("Content-Length")) {
                throw invalid("", malformedStatus);
            }
            return ABSENT;
        }
        String first = values.get(0);
        for (String value : values) {
            if (!value.equals(first)) {
                throw new HttpException(malformedStatus, "conflicting Content-Length values "
                        + HttpSyntax.quote(String.join(", ", headers.all("Content-Length"))) + " (RFC 9112 §6.3)");
            }
        }
        if (!first.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(first, malformedStatus);
        }
        String digits = first.replaceFirst("^0+(?=.)", ""); // "007" is 7: 1*DIGIT allows leading zeros
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static HttpException invalid(String value, int status) {
        return new HttpException(status, "Content-Length must be a decimal number, got "
                + HttpSyntax.quote(value) + " (RFC 9112 §6.3)");
    }
}
