package org.socketlab.websocket.http;

import java.nio.charset.StandardCharsets;

/**
 * The peer's HTTP message broke a rule of RFC 9110/9112, or the server refused a request. On the
 * server side {@link #status()} is the status to answer with and {@link #toResponse()} builds that
 * answer. On the client side it is the status the server refused us with, or 502 (Bad Gateway,
 * RFC 9110 §15.6.3: "an invalid response") when the server's response itself is malformed.
 * The WebSocket opening handshake's own refusals are the subclass
 * {@code org.socketlab.websocket.handshake.HandshakeException}.
 *
 * <p>The message states the rule, quotes the offending value and cites the section.
 */
public class HttpException extends Exception {

    private final int status;
    private final HttpHeaders responseHeaders;
    private final String publicExplanation;

    public HttpException(int status, String message) {
        this(status, message, new HttpHeaders());
    }

    /**
     * @param responseHeaders headers the error response must carry, e.g. {@code Allow: GET} with 405
     *                        (RFC 9110 §15.5.6) or {@code Sec-WebSocket-Version: 13} with 426 (RFC 6455 §4.4)
     */
    public HttpException(int status, String message, HttpHeaders responseHeaders) {
        this(status, message, responseHeaders, null);
    }

    /**
     * @param publicExplanation the response body's explanation in place of the fixed one for the
     *                          status, chosen by the server (never request bytes): e.g. a routing
     *                          {@code $connect} refusal "this token is not valid" instead of the
     *                          origin policy's 403 text; {@code null} for the fixed text
     */
    public HttpException(int status, String message, HttpHeaders responseHeaders, String publicExplanation) {
        super(message);
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be three digits, got " + status);
        }
        this.status = status;
        this.responseHeaders = responseHeaders.copy();
        this.publicExplanation = publicExplanation;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The standard reason phrase of {@link #status()}, e.g. "Bad Request". */
    public String reason() {
        return HttpStatus.reasonPhrase(status);
    }

    /** A copy of the headers the error response must carry. */
    public HttpHeaders responseHeaders() {
        return responseHeaders.copy();
    }

    /**
     * The error response to write before closing: the required headers, {@code Connection: close}
     * (we stop reading after a broken handshake, RFC 9112 §9.6) and a short {@code text/plain}
     * body that explains the status in fixed words. The body never carries {@link #getMessage()}:
     * the message quotes the peer's input, and an error page must not reflect request bytes
     * (see {@link ErrorBodies}); log the message instead. When the headers include
     * {@code Upgrade} (a 426), the {@code Connection} field also names {@code Upgrade}, as
     * RFC 9110 §7.8 requires.
     */
    public HttpResponse toResponse() {
        HttpHeaders headers = responseHeaders.copy();
        headers.set("Connection", headers.contains("Upgrade") ? "Upgrade, close" : "close");
        headers.set("X-Content-Type-Options", "nosniff");
        byte[] body = ErrorBodies.forStatus(status, publicExplanation).getBytes(StandardCharsets.UTF_8);
        return HttpResponse.withBody(status, headers, "text/plain; charset=utf-8", body);
    }
}
