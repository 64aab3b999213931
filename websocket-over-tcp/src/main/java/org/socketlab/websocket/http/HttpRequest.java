package org.socketlab.websocket.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP/1.1 request: request line, header fields and (optionally) a Content-Length body.
 *
 * <p>{@code target} is the request-target as sent (RFC 9112 §3.2): origin-form
 * ({@code /chat?room=1}) or absolute-form ({@code http://host/chat}). {@link #path()} and
 * {@link #query()} work for both.
 *
 * <p>The record is immutable except for {@code headers}, which is the parser's own copy.
 *
 * @param method  a token such as {@code GET} (RFC 9110 §9), case-sensitive
 * @param target  the request-target, visible ASCII only
 * @param version {@code HTTP/1.1}, {@code HTTP/1.0}, ...
 * @param headers the header fields in order
 * @param body    the content (empty when none); {@link #body()} returns a copy
 */
public record HttpRequest(String method, String target, String version, HttpHeaders headers, byte[] body) {

    public HttpRequest {
        if (method == null || !HttpSyntax.isToken(method)) {
            throw new IllegalArgumentException("method must be a token (RFC 9110 §9.1), got "
                    + (method == null ? "null" : HttpSyntax.quote(method)));
        }
        RequestTarget.requireValid(target);
        HttpMessages.requireVersion(version);
        Objects.requireNonNull(headers, "headers");
        body = HttpMessages.copyBody(body);
        HttpMessages.requireFramedBody(headers, body);
    }

    /** A request without a body (the contract constructor). */
    public HttpRequest(String method, String target, String version, HttpHeaders headers) {
        this(method, target, version, headers, HttpMessages.EMPTY);
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.length == 0 ? body : body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The body decoded as UTF-8 (malformed sequences become U+FFFD). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The path of the target without the query, e.g. {@code /chat} (still percent-encoded). */
    public String path() {
        return RequestTarget.path(target);
    }

    /** The query of the target without {@code ?}; empty when there is none. */
    public String query() {
        return RequestTarget.query(target);
    }

    /**
     * The query as {@code application/x-www-form-urlencoded} parameters, percent-decoded as UTF-8,
     * in order of first appearance; a name without {@code =} maps to {@code ""}.
     */
    public Map<String, List<String>> queryParameters() {
        return QueryString.parse(query());
    }

    /** The request line, header fields, blank line and body, ready to write (RFC 9112 §2.1). */
    public byte[] toBytes() {
        StringBuilder head = new StringBuilder(128 + 32 * headers.size());
        head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        headers.writeTo(head);
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpRequest that
                && method.equals(that.method) && target.equals(that.target) && version.equals(that.version)
                && headers.equals(that.headers) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, version, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version + " " + headers
                + (body.length == 0 ? "" : " +" + body.length + " body bytes");
    }
}
