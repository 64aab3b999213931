package org.socketlab.websocket.sockjs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * {@code <prefix>/iframe*.html}: strongly cacheable (a year, an ETag of its content, no
 * Last-Modified) and answered 304 to a matching {@code If-None-Match} (RFC 9110 §13.1.2).
 * Immutable.
 */
final class IframePage {

    private final byte[] body;
    private final String etag;

    IframePage(String html) {
        this.body = html.getBytes(StandardCharsets.UTF_8);
        this.etag = "\"" + sha256(body).substring(0, 32) + "\"";
    }

    HttpResponse response(HttpRequest request, Instant now) {
        HttpHeaders headers = SockJsHeaders.cacheForAYear(new HttpHeaders(), now);
        headers.set("ETag", etag);
        boolean matches = request.headers().all("If-None-Match").stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim)
                .anyMatch(tag -> tag.equals(etag) || tag.equals("*") || tag.equals("W/" + etag));
        if (matches) {
            return SockJsService.emptyResponse(304, headers);
        }
        return HttpResponse.withBody(200, headers, "text/html; charset=UTF-8", body);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
