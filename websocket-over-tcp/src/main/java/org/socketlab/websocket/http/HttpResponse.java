package org.socketlab.websocket.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One HTTP/1.1 response: status line, header fields and a Content-Length body (possibly empty).
 * For a streamed body write {@link #headBytes()} and then {@link ChunkedEncoder} chunks.
 * It is always written as HTTP/1.1; the parser does not keep the peer's minor version.
 *
 * @param status three-digit status code (RFC 9110 §15)
 * @param reason reason phrase; may be empty (RFC 9112 §4)
 * @param headers header fields in order
 * @param body   content; {@link #body()} returns a copy
 */
public record HttpResponse(int status, String reason, HttpHeaders headers, byte[] body) {

    public HttpResponse {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be three digits (RFC 9110 §15), got " + status);
        }
        Objects.requireNonNull(reason, "reason");
        for (int i = 0; i < reason.length(); i++) {
            if (!HttpSyntax.isFieldValueChar(reason.charAt(i))) {
                throw new IllegalArgumentException("reason-phrase must be visible ASCII, SP or HTAB (RFC 9112 §4), got "
                        + HttpSyntax.quote(reason));
            }
        }
        Objects.requireNonNull(headers, "headers");
        body = HttpMessages.copyBody(body);
        HttpMessages.requireFramedBody(headers, body);
    }

    /** A response with no headers and no body, e.g. {@code of(101, "Switching Protocols")}. */
    public static HttpResponse of(int status, String reason) {
        return new HttpResponse(status, reason, new HttpHeaders(), HttpMessages.EMPTY);
    }

    /** A response with no body and the standard reason phrase. */
    public static HttpResponse of(int status) {
        return of(status, HttpStatus.reasonPhrase(status));
    }

    /** A response carrying {@code body}, with Content-Type and Content-Length set (RFC 9112 §6.2). */
    public static HttpResponse withBody(int status, HttpHeaders headers, String contentType, byte[] body) {
        HttpHeaders all = headers.copy();
        all.set("Content-Type", contentType);
        all.set("Content-Length", String.valueOf(body.length));
        return new HttpResponse(status, HttpStatus.reasonPhrase(status), all, body);
    }

    /** A {@code text/plain; charset=utf-8} response. */
    public static HttpResponse text(int status, String text) {
        return withBody(status, new HttpHeaders(), "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
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

    /** Status line, header fields and the blank line, without the body. */
    public byte[] headBytes() {
        StringBuilder head = new StringBuilder(64 + 32 * headers.size());
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        headers.writeTo(head);
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Status line + header fields + CRLF + body (RFC 9112 §2.1). */
    public byte[] toBytes() {
        byte[] head = headBytes();
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpResponse that
                && status == that.status && reason.equals(that.reason)
                && headers.equals(that.headers) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, reason, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return status + " " + reason + " " + headers + (body.length == 0 ? "" : " +" + body.length + " body bytes");
    }
}
