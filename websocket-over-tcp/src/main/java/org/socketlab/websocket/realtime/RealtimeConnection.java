package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.http.HandshakeException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.http.HttpResponse;

/**
 * The request loop of one HTTP/1.1 connection: read a request (bounded by the parser's limits),
 * route it, write the answer, and go round again while the connection is persistent
 * (RFC 9112 §9.3). It ends when the client closes, sends {@code Connection: close}, stays idle
 * longer than the idle timeout, sends a broken request (400/431 and close, RFC 9112 §9.6), or
 * the route took the connection over (streams, SSE, WebSocket).
 *
 * <p>Runs on the connection's own virtual thread; not shared.
 */
final class RealtimeConnection {

    private static final Logger LOG = System.getLogger(RealtimeConnection.class.getName());
    private static final byte[] INDEX_PAGE = loadIndexPage();

    private final RealtimeServer server;
    private final MeteredSocket socket;
    private final HttpRequestParser parser;
    private final byte[] readBuffer = new byte[8192];
    private ByteBuffer pending = ByteBuffer.allocate(0);

    RealtimeConnection(RealtimeServer server, MeteredSocket socket) {
        this.server = server;
        this.socket = socket;
        this.parser = new HttpRequestParser(server.config().http());
    }

    void serve() throws IOException {
        try {
            loop();
        } finally {
            server.idle(socket, false);
        }
    }

    private void loop() throws IOException {
        socket.setSoTimeout(Math.toIntExact(server.config().idleTimeout().toMillis()));
        while (!server.isStopping()) {
            HttpRequest request;
            server.idle(socket, !pending.hasRemaining());
            try {
                request = readRequest();
            } catch (SocketTimeoutException idle) {
                // RFC 9112 §9.8: a server may close an idle persistent connection at any time.
                LOG.log(Level.DEBUG, "{0}: idle for {1}; closing", socket.getRemoteSocketAddress(),
                        server.config().idleTimeout());
                return;
            } catch (HandshakeException refused) {
                socket.attach(server.otherStats());
                write(closing(refused.toResponse()));
                return;
            }
            server.idle(socket, false);
            if (request == null) {
                return; // the client closed its side between requests
            }
            if (!route(request)) {
                return;
            }
            socket.detach();
        }
    }

    /** Reads until the parser completes a request; null on end of stream. */
    private HttpRequest readRequest() throws IOException, HandshakeException {
        InputStream in = socket.getInputStream();
        while (true) {
            if (pending.hasRemaining()) {
                HttpRequest request = parser.parse(pending);
                if (request != null) {
                    return request;
                }
            }
            int count = in.read(readBuffer);
            if (count < 0) {
                return null;
            }
            pending = ByteBuffer.wrap(readBuffer, 0, count);
        }
    }

    /** Answers one request; returns whether the connection stays open for the next one. */
    private boolean route(HttpRequest request) throws IOException {
        boolean keepAlive = keepAlive(request);
        Technique technique = Technique.forPath(request.path());
        socket.attach(technique == null ? server.otherStats() : server.stats(technique));
        if (!request.method().equals("GET")) {
            HttpResponse refused = HttpResponse.text(405, "only GET is served here (RFC 9110 §15.5.6)\n");
            refused.headers().set("Allow", "GET");
            write(closing(refused));
            return false;
        }
        if (technique == null) {
            HttpResponse response = request.path().equals("/")
                    ? HttpResponse.withBody(200, new HttpHeaders(), "text/html; charset=utf-8", INDEX_PAGE)
                    : HttpResponse.text(404, "no route for " + request.path()
                    + "; try /poll, /long-poll, /stream, /sse, /ws or /\n");
            write(keepAlive ? persistent(response) : closing(response));
            return keepAlive;
        }
        Routes routes = new Routes(server, socket, server.stats(technique));
        return switch (technique) {
            case POLLING -> routes.poll(request, keepAlive);
            case LONG_POLLING -> routes.longPoll(request, keepAlive, this::clientClosed);
            case STREAMING -> routes.stream(request);
            case SSE -> routes.sse(request);
            case WEBSOCKET -> routes.webSocket(request, pending.slice());
        };
    }

    /**
     * Looks (for at most a millisecond) whether the client closed its side while its long poll
     * waits. Bytes that did arrive — a pipelined next request — are kept for the parser.
     */
    private boolean clientClosed() {
        try {
            socket.setSoTimeout(1);
            byte[] probe = new byte[4096];
            int count = socket.getInputStream().read(probe);
            if (count < 0) {
                return true;
            }
            ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + count);
            pending = joined.put(pending).put(probe, 0, count).flip();
            return false;
        } catch (SocketTimeoutException nothingYet) {
            return false;
        } catch (IOException broken) {
            return true;
        } finally {
            try {
                socket.setSoTimeout(Math.toIntExact(server.config().idleTimeout().toMillis()));
            } catch (IOException ignored) {
                // The socket is gone; the next read reports it.
            }
        }
    }

    /**
     * RFC 9112 §9.3: HTTP/1.1 connections persist unless either side says {@code close};
     * HTTP/1.0 ones only when the client asks for {@code keep-alive}. The server may refuse.
     */
    private boolean keepAlive(HttpRequest request) {
        // BEGIN SOLUTION lab=06 task="keep the connection? HTTP/1.1 unless Connection: close, HTTP/1.0 only with keep-alive (RFC 9112 §9.3)"
        if (!server.config().keepAlive() || request.headers().containsToken("Connection", "close")) {
            return false;
        }
        return !request.version().equals("HTTP/1.0") || request.headers().containsToken("Connection", "keep-alive");
        // END SOLUTION
    }

    static HttpResponse persistent(HttpResponse response) {
        response.headers().set("Connection", "keep-alive");
        return response;
    }

    static HttpResponse closing(HttpResponse response) {
        response.headers().set("Connection", "close");
        return response;
    }

    private void write(HttpResponse response) throws IOException {
        socket.getOutputStream().write(response.toBytes());
        socket.getOutputStream().flush();
    }

    private static byte[] loadIndexPage() {
        try (InputStream page = RealtimeConnection.class.getResourceAsStream("index.html")) {
            return page == null ? "<!doctype html><title>socketlab realtime</title>".getBytes(StandardCharsets.UTF_8)
                    : page.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the index page resource", e);
        }
    }
}
