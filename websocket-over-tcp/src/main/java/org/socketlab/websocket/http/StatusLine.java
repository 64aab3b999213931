package org.socketlab.websocket.http;

/** A status line (RFC 9112 §4): {@code HTTP-version SP 3DIGIT SP [reason-phrase]}. */
record StatusLine(String version, int status, String reason) {

    /**
     * Parses a status line. A missing space after the code is tolerated ({@code HTTP/1.1 101}):
     * RFC 9112 §4 tells clients to ignore the reason phrase, and some servers omit it entirely.
     */
    static StatusLine parse(String line) throws HttpException {
        boolean shape = line.length() >= 12 && line.charAt(8) == ' ' && isDigits(line.substring(9, 12))
                && (line.length() == 12 || line.charAt(12) == ' ');
        if (!shape) {
            throw invalid("a status line must be HTTP-version SP 3DIGIT SP reason-phrase, got "
                    + HttpSyntax.quote(line) + " (RFC 9112 §4)");
        }
        String version = line.substring(0, 8);
        if (!RequestLine.isVersionSyntax(version) || version.charAt(5) != '1') {
            throw invalid("the server must answer in HTTP/1.x, got " + HttpSyntax.quote(version) + " (RFC 9112 §2.3)");
        }
        int status = Integer.parseInt(line.substring(9, 12));
        if (status < 100) {
            throw invalid("a status code is 100..999, got " + status + " (RFC 9110 §15)");
        }
        String reason = line.length() > 13 ? line.substring(13) : "";
        return new StatusLine(version, status, reason);
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static HttpException invalid(String message) {
        return new HttpException(HttpStatus.BAD_GATEWAY, message);
    }
}
