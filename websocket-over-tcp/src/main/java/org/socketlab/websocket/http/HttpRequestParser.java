package org.socketlab.websocket.http;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A resumable HTTP/1.1 request parser (RFC 9112): request line → header fields → optional
 * Content-Length body. Feed it whatever bytes arrived; it returns {@code null} while it needs
 * more, consuming everything it was given, and returns the request once complete, leaving
 * {@code in.position()} just after the request — bytes behind it (a pipelined request, or
 * WebSocket frames sent right behind the handshake) stay in {@code in}.
 *
 * <p>Every field read is bounded by {@link HttpLimits}; the parser never holds more than that.
 * Violations are {@link HttpException}s carrying the status to answer with:
 * <ul>
 *   <li>request line too long → 414 (RFC 9112 §3); header section too large or too many
 *       header lines → 431 (RFC 6585 §5); Content-Length over the body limit → 413 (RFC 9110 §15.5.14);</li>
 *   <li>bare CR or LF, obs-fold, whitespace before a colon, a method or field name that is not
 *       a token, control or non-ASCII bytes, a target that is neither origin-form nor
 *       absolute-form, a malformed version, a missing or repeated Host in HTTP/1.1, an invalid
 *       Content-Length → 400 (RFC 9112 §2.2, §3, §3.2, §5, §6.3);</li>
 *   <li>an HTTP major version other than 1 → 505 (RFC 9110 §15.6.6);</li>
 *   <li>a chunked body is decoded (RFC 9112 §7.1; the request then carries Content-Length instead of
 *       Transfer-Encoding); any other transfer coding → 501 (RFC 9112 §6.1); Transfer-Encoding with
 *       Content-Length, or in HTTP/1.0 → 400 (RFC 9112 §6.1, §6.3: request smuggling).</li>
 * </ul>
 *
 * <p>After returning a request the parser is ready for the next one on the same connection.
 * After throwing it is finished: a connection that sent a broken request cannot be resynchronised
 * (RFC 9112 §9.6 — close it); further calls throw {@link IllegalStateException}.
 * Not thread-safe.
 */
public final class HttpRequestParser {

    private enum State { HEAD, BODY, FAILED }

    private final HttpLimits limits;
    private final HeadReader head;
    private final BodyReader body = new BodyReader();
    private final ChunkedBodyReader chunkedBody;
    private boolean chunked;
    private State state = State.HEAD;
    private RequestLine requestLine;

    public HttpRequestParser(HttpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.head = new HeadReader(limits, HeadReader.Side.REQUEST);
        this.chunkedBody = new ChunkedBodyReader(limits.maxBodyBytes(), limits.maxHeaderBytes());
    }

    public HttpRequestParser() {
        this(HttpLimits.defaults());
    }

    /**
     * True once a request head is complete and its body is still arriving: a server gives the
     * body its own deadline (RFC 9112 §9.5 leaves the timeouts to the implementation).
     */
    public boolean readingBody() {
        return state == State.BODY;
    }

    /** The next complete request, or {@code null} when {@code in} ran out first. */
    public HttpRequest parse(ByteBuffer in) throws HttpException {
        if (state == State.FAILED) {
            throw new IllegalStateException("this parser already rejected a request; close the connection");
        }
        try {
            return step(in);
        } catch (HttpException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private HttpRequest step(ByteBuffer in) throws HttpException {
        if (state == State.HEAD) {
            if (!head.read(in)) {
                return null;
            }
            requestLine = RequestLine.parse(head.startLine());
            checkHost(requestLine, head.headers());
            chunked = isChunked(requestLine, head.headers());
            body.start(chunked ? 0 : bodyLength(head.headers()));
            state = State.BODY;
        }
        if (chunked ? !chunkedBody.read(in) : !body.read(in)) {
            return null;
        }
        HttpHeaders headers = head.headers();
        byte[] content;
        if (chunked) {
            content = chunkedBody.take();
            headers = headers.copy();
            headers.remove("Transfer-Encoding"); // now framed by length, as a proxy would forward it
            headers.set("Content-Length", String.valueOf(content.length));
        } else {
            content = body.take();
        }
        HttpRequest request = new HttpRequest(requestLine.method(), requestLine.target(), requestLine.version(),
                headers, content);
        head.reset();
        state = State.HEAD;
        return request;
    }

    /** RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without Host or with more than one. */
    private static void checkHost(RequestLine requestLine, HttpHeaders headers) throws HttpException {
        int hosts = headers.all("Host").size();
        boolean http11OrLater = requestLine.version().charAt(7) >= '1';
        if (http11OrLater && hosts == 0) {
            throw new HttpException(HttpStatus.BAD_REQUEST, "an HTTP/1.1 request must carry a Host header (RFC 9112 §3.2)");
        }
        if (hosts > 1) {
            throw new HttpException(HttpStatus.BAD_REQUEST, "a request must carry exactly one Host header, got "
                    + hosts + ": " + HttpSyntax.quote(String.join(", ", headers.all("Host"))) + " (RFC 9112 §3.2)");
        }
    }

    /** RFC 9112 §6.1: only "chunked" (once, last) is decoded; with Content-Length or in HTTP/1.0 it is faulty framing. */
    private static boolean isChunked(RequestLine requestLine, HttpHeaders headers) throws HttpException {
        if (!headers.contains("Transfer-Encoding")) {
            return false;
        }
        String codings = HttpSyntax.quote(String.join(", ", headers.all("Transfer-Encoding")));
        if (headers.contains("Content-Length")) {
            throw new HttpException(HttpStatus.BAD_REQUEST, "a request must not carry both Transfer-Encoding and "
                    + "Content-Length, got Transfer-Encoding " + codings + " (RFC 9112 §6.1, §6.3: request smuggling)");
        }
        if (requestLine.version().charAt(7) < '1') {
            throw new HttpException(HttpStatus.BAD_REQUEST, "an HTTP/1.0 request must not carry Transfer-Encoding, got "
                    + codings + " (RFC 9112 §6.1)");
        }
        java.util.List<String> tokens = headers.tokens("Transfer-Encoding");
        if (tokens.size() != 1 || !tokens.get(0).equalsIgnoreCase("chunked")) {
            throw new HttpException(HttpStatus.NOT_IMPLEMENTED, "this server decodes only the chunked transfer "
                    + "coding, got Transfer-Encoding " + codings + " (RFC 9112 §6.1, §7)");
        }
        return true;
    }

    private int bodyLength(HttpHeaders headers) throws HttpException {
        long length = BodyFraming.contentLength(headers, HttpStatus.BAD_REQUEST);
        if (length == BodyFraming.ABSENT) {
            return 0; // RFC 9112 §6.3 item 7: a request without either field has no body
        }
        if (length > limits.maxBodyBytes()) {
            throw new HttpException(HttpStatus.PAYLOAD_TOO_LARGE, "the request body of " + length
                    + " bytes exceeds the limit of " + limits.maxBodyBytes() + " bytes (RFC 9110 §15.5.14)");
        }
        return (int) length;
    }
}
