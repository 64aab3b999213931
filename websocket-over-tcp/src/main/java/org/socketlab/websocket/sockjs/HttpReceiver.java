package org.socketlab.websocket.sockjs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.HttpExchange;
import org.socketlab.websocket.server.ResponseStream;
import org.socketlab.websocket.sockjs.HttpSession.Frame;
import org.socketlab.websocket.sockjs.HttpSession.Probe;
import org.socketlab.websocket.sockjs.SessionState.Attach;

/**
 * One receiving request (xhr, jsonp, xhr_streaming, eventsource, htmlfile) held on its
 * connection's thread: it attaches to the session, writes frames as the transport frames them
 * and ends — a polling request after one frame, a streaming one after the close frame or once
 * {@link SockJsOptions#streamBytesLimit()} bytes of frames went out (the client then opens a new
 * one). Every second, and whenever a second receiving request asks, it checks that its client is
 * still connected; one that left closes the session with 1002 "Connection interrupted".
 */
final class HttpReceiver {

    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final HttpExchange exchange;
    private final HttpSession session;
    private final TransportKind transport;
    private final String callback;
    private final HttpHeaders headers;
    private final int streamBytesLimit;
    private final SockJsOptions.ReceiverListener listener;
    private final Object token = new Object();

    HttpReceiver(HttpExchange exchange, HttpSession session, TransportKind transport, String callback,
                 HttpHeaders headers, int streamBytesLimit, SockJsOptions.ReceiverListener listener) {
        this.listener = listener;
        this.exchange = exchange;
        this.session = session;
        this.transport = transport;
        this.callback = callback;
        this.headers = headers;
        this.streamBytesLimit = streamBytesLimit;
    }

    void serve() throws IOException, InterruptedException {
        Attach attach = session.attach(token, exchange.arrival());
        switch (attach) {
            case BUSY -> single(SockJsFrame.ANOTHER_CONNECTION);
            case CLOSED -> single(session.closeFrame());
            case OPENED -> {
                session.fireOpen(); // before "o" is written: the first frame is always "o"
                listener.attached(session.sessionId(), transport.urlName());
                serveAttached(SockJsFrame.OPEN);
            }
            case ATTACHED -> {
                listener.attached(session.sessionId(), transport.urlName());
                serveAttached(null);
            }
        }
    }

    /** A request that is not attached gets one frame and ends (streaming ones after their prelude). */
    private void single(SockJsFrame frame) throws IOException {
        if (transport.role() == TransportKind.Role.POLLING) {
            exchange.respond(body(transport.encode(frame, callback)));
            return;
        }
        ResponseStream stream = exchange.stream(200, headers);
        writeChunk(stream, transport.prelude(callback));
        writeChunk(stream, transport.encode(frame, callback));
        stream.finish();
    }

    private void serveAttached(SockJsFrame first) throws IOException, InterruptedException {
        try {
            if (transport.role() == TransportKind.Role.POLLING) {
                SockJsFrame frame = first != null ? first : awaitFrame();
                if (frame != null) {
                    exchange.respond(body(transport.encode(frame, callback)));
                }
            } else {
                stream(first);
            }
        } finally {
            session.detach(token);
        }
    }

    private void stream(SockJsFrame first) throws IOException, InterruptedException {
        ResponseStream stream = exchange.stream(200, headers);
        try {
            writeChunk(stream, transport.prelude(callback));
            long sent = 0;
            SockJsFrame frame = first != null ? first : awaitFrame();
            while (frame != null) {
                // SockJS 0.3.3: the limit counts frames as written, not the prelude.
                sent += writeChunk(stream, transport.encode(frame, callback));
                if (frame.isClose() || sent >= streamBytesLimit) {
                    break;
                }
                frame = awaitFrame();
            }
            if (frame == null) {
                stream.abort(); // the client left: nothing more can be written
            } else {
                stream.finish();
            }
        } catch (IOException writeFailed) {
            stream.abort();
            session.interrupted(token);
            throw writeFailed;
        }
    }

    /** The next frame for this receiver; null once its client has gone (the session is then closed). */
    private SockJsFrame awaitFrame() throws InterruptedException {
        while (true) {
            HttpSession.Wake wake = session.awaitFrame(token, CHECK_NANOS);
            if (wake instanceof Frame frame) {
                return frame.frame();
            }
            if (wake instanceof HttpSession.Displaced) {
                return SockJsFrame.ANOTHER_CONNECTION; // a close frame: it ends a stream too
            }
            if (exchange.clientClosed() || exchange.isStopping()) {
                session.interrupted(token);
                exchange.dropConnection();
                return null;
            }
            if (wake instanceof Probe) {
                session.probeAnswered();
            }
        }
    }

    private static int writeChunk(ResponseStream stream, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        stream.write(bytes);
        stream.flush();
        return bytes.length;
    }

    private HttpResponse body(String text) {
        return HttpResponse.withBody(200, headers, transport.contentType(), text.getBytes(StandardCharsets.UTF_8));
    }
}
