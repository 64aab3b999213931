package org.socketlab.websocket.http;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A resumable HTTP/1.1 response parser for our client's handshake: status line → header fields →
 * a Content-Length body when one is declared and fits {@link HttpLimits#maxBodyBytes()}.
 * Returns {@code null} while it needs more bytes; on success {@code in.position()} is just after
 * the response, so WebSocket frames the server sent right behind its 101 stay in {@code in}.
 *
 * <p>No body is read for 1xx, 204 and 304 responses (RFC 9110 §15.2, §15.3.5, §15.4.5), nor when
 * Content-Length is absent, nor when it exceeds the limit: then the response comes back with an
 * empty body and the body bytes stay unread (the status alone tells a client the handshake failed).
 *
 * <p>Every violation is a {@link HttpException} with status 502 (Bad Gateway: "an invalid
 * response", RFC 9110 §15.6.3). After one, further calls throw {@link IllegalStateException}.
 * Not thread-safe.
 */
public final class HttpResponseParser {

    private enum State { HEAD, BODY, FAILED }

    private final HttpLimits limits;
    private final HeadReader head;
    private final BodyReader body = new BodyReader();
    private State state = State.HEAD;
    private StatusLine statusLine;

    public HttpResponseParser(HttpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.head = new HeadReader(limits, HeadReader.Side.RESPONSE);
    }

    public HttpResponseParser() {
        this(HttpLimits.defaults());
    }

    /** The next complete response, or {@code null} when {@code in} ran out first. */
    public HttpResponse parse(ByteBuffer in) throws HttpException {
        if (state == State.FAILED) {
            throw new IllegalStateException("this parser already rejected a response; close the connection");
        }
        try {
            return step(in);
        } catch (HttpException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private HttpResponse step(ByteBuffer in) throws HttpException {
        if (state == State.HEAD) {
            if (!head.read(in)) {
                return null;
            }
            statusLine = StatusLine.parse(head.startLine());
            body.start(bodyLength(statusLine.status(), head.headers()));
            state = State.BODY;
        }
        if (!body.read(in)) {
            return null;
        }
        HttpResponse response = new HttpResponse(statusLine.status(), statusLine.reason(), head.headers(), body.take());
        head.reset();
        state = State.HEAD;
        return response;
    }

    private int bodyLength(int status, HttpHeaders headers) throws HttpException {
        // BEGIN SOLUTION lab=06 task="where the body ends: none for 1xx, 204, 304 or Transfer-Encoding, else Content-Length bytes (RFC 9112 §6.3)"
        if (status < 200 || status == HttpStatus.NO_CONTENT || status == HttpStatus.NOT_MODIFIED
                || headers.contains("Transfer-Encoding")) {
            return 0;
        }
        long length = BodyFraming.contentLength(headers, HttpStatus.BAD_GATEWAY);
        return length == BodyFraming.ABSENT || length > limits.maxBodyBytes() ? 0 : (int) length;
        // END SOLUTION
    }
}
