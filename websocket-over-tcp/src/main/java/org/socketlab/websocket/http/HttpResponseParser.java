package org.socketlab.websocket.http;

import java.nio.ByteBuffer;
import java.util.Objects;

/** Resumable HTTP/1.1 response parser (work in progress). */
public final class HttpResponseParser {

    private final HttpLimits limits;

    public HttpResponseParser(HttpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public HttpResponseParser() {
        this(HttpLimits.defaults());
    }

    public HttpResponse parse(ByteBuffer in) throws HandshakeException {
        throw new UnsupportedOperationException("not yet implemented; limits " + limits);
    }
}
