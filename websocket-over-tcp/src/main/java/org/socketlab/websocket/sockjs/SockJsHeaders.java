package org.socketlab.websocket.sockjs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;

/**
 * The header rules of SockJS 0.3.3, pure: CORS as the protocol specifies it (echo the Origin
 * with credentials, or {@code *} for none and for the opaque {@code null}; echo
 * {@code Access-Control-Request-Headers}), never-cache for session URLs, one-year caching for
 * OPTIONS and the iframe page, and the {@code JSESSIONID} cookie.
 */
final class SockJsHeaders {

    static final String NO_CACHE = "no-store, no-cache, must-revalidate, max-age=0";
    static final long ONE_YEAR_SECONDS = 31_536_000L;
    /** RFC 9110 §5.6.7 IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);
    /** RFC 6265 §4.1.1 cookie-octet: what may be echoed back in Set-Cookie unquoted. */
    private static final Pattern COOKIE_VALUE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]{1,256}");

    private SockJsHeaders() {
    }

    /** CORS for the xhr transports and {@code /info}: the browser may read the response cross-origin. */
    static HttpHeaders cors(HttpRequest request, HttpHeaders headers) {
        Optional<String> origin = request.headers().first("Origin");
        if (origin.isEmpty() || origin.get().equals("null")) {
            // A file:// page sends "null"; echoing it back reads as a refusal, so "*" it is.
            headers.set("Access-Control-Allow-Origin", "*");
        } else {
            headers.set("Access-Control-Allow-Origin", origin.get());
            headers.set("Vary", "Origin");
        }
        // SockJS 0.3.3 verify_cors: always "true", so that JSESSIONID flies. With "*" a browser
        // ignores it for requests without credentials and refuses credentialed ones, as it must.
        headers.set("Access-Control-Allow-Credentials", "true");
        request.headers().first("Access-Control-Request-Headers").filter(value -> !value.isBlank())
                .ifPresent(value -> headers.set("Access-Control-Allow-Headers", value));
        return headers;
    }

    static HttpHeaders noCache(HttpHeaders headers) {
        return headers.set("Cache-Control", NO_CACHE);
    }

    /** Strong caching for a year: OPTIONS answers and the iframe page. */
    static HttpHeaders cacheForAYear(HttpHeaders headers, Instant now) {
        headers.set("Cache-Control", "public, max-age=" + ONE_YEAR_SECONDS);
        headers.set("Expires", HTTP_DATE.format(now.plusSeconds(ONE_YEAR_SECONDS).atOffset(ZoneOffset.UTC)));
        return headers;
    }

    /** The preflight answer: 204, cached for a year, the methods of the URL. */
    static HttpHeaders preflight(HttpRequest request, String allowedMethods, Instant now) {
        HttpHeaders headers = cacheForAYear(new HttpHeaders(), now);
        headers.set("Access-Control-Max-Age", String.valueOf(ONE_YEAR_SECONDS));
        headers.set("Access-Control-Allow-Methods", allowedMethods);
        return cors(request, headers);
    }

    /** {@code JSESSIONID=<the client's value or dummy>; path=/} when the endpoint needs cookies. */
    static HttpHeaders cookie(HttpRequest request, HttpHeaders headers, boolean cookieNeeded) {
        if (cookieNeeded) {
            headers.set("Set-Cookie", "JSESSIONID=" + sessionCookie(request) + "; path=/");
        }
        return headers;
    }

    private static String sessionCookie(HttpRequest request) {
        for (String line : request.headers().all("Cookie")) {
            for (String pair : line.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith("JSESSIONID=")) {
                    String value = trimmed.substring("JSESSIONID=".length());
                    // Echo only a well-formed value: anything else could split the header.
                    return COOKIE_VALUE.matcher(value).matches() ? value : "dummy";
                }
            }
        }
        return "dummy";
    }
}
