package org.socketlab.websocket.http;

import java.nio.ByteBuffer;
import java.util.Objects;

/** Resumable HTTP/1.1 request parser (work in progress). */
public final class HttpRequestParser {

    private final HttpLimits limits;

    public HttpRequestParser(HttpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public HttpRequestParser() {
        this(HttpLimits.defaults());
    }

    public HttpRequest parse(ByteBuffer in) throws HandshakeException {
        throw new UnsupportedOperationException("not yet implemented; limits " + limits);
    }
}
