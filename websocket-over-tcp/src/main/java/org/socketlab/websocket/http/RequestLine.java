package org.socketlab.websocket.http;

/** The three parts of a request line (RFC 9112 §3), validated. */
record RequestLine(String method, String target, String version) {

    /** Parses {@code method SP request-target SP HTTP-version}: exactly one space between parts. */
    static RequestLine parse(String line) throws HttpException {
        int firstSpace = line.indexOf(' ');
        int secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
        if (firstSpace <= 0 || secondSpace < 0 || line.indexOf(' ', secondSpace + 1) >= 0
                || secondSpace == firstSpace + 1) {
            throw badRequest("a request line must be method SP request-target SP HTTP-version, got "
                    + HttpSyntax.quote(line) + " (RFC 9112 §3)");
        }
        String method = line.substring(0, firstSpace);
        String target = line.substring(firstSpace + 1, secondSpace);
        String version = line.substring(secondSpace + 1);
        if (!HttpSyntax.isToken(method)) {
            throw badRequest("the method must be a token, got " + HttpSyntax.quote(method) + " (RFC 9110 §9.1)");
        }
        if (!RequestTarget.isOriginOrAbsoluteForm(target)) {
            throw badRequest("the request-target must be origin-form (/path?query) or absolute-form "
                    + "(http://host/path), got " + HttpSyntax.quote(target) + " (RFC 9112 §3.2)");
        }
        checkVersion(version);
        return new RequestLine(method, target, version);
    }

    /** HTTP-version = "HTTP" "/" DIGIT "." DIGIT (RFC 9112 §2.3); only major version 1 is spoken here. */
    static void checkVersion(String version) throws HttpException {
        if (!isVersionSyntax(version)) {
            throw badRequest("the HTTP-version must look like HTTP/1.1, got " + HttpSyntax.quote(version)
                    + " (RFC 9112 §2.3)");
        }
        if (version.charAt(5) != '1') {
            throw new HttpException(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "only HTTP/1.x is supported, got "
                    + HttpSyntax.quote(version) + " (RFC 9110 §15.6.6)");
        }
    }

    static boolean isVersionSyntax(String version) {
        return version.length() == 8 && version.startsWith("HTTP/") && isDigit(version.charAt(5))
                && version.charAt(6) == '.' && isDigit(version.charAt(7));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static HttpException badRequest(String message) {
        return new HttpException(HttpStatus.BAD_REQUEST, message);
    }
}
