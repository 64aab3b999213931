package org.socketlab.websocket.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.socketlab.tcp.ConnectionHandler;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.handshake.HandshakeAccepted;
import org.socketlab.websocket.http.HandshakeException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpLimits;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.protocol.WebSocketProtocol;
import org.socketlab.websocket.transport.TlsHandshakeDeadline;
import org.socketlab.websocket.transport.WebSocketConnection;

/**
 * The server side of the opening handshake (RFC 6455 §4.2), run on the connection's own thread
 * before the WebSocket read loop: read the upgrade request within the handshake deadline,
 * route it by path (404), admit it (503), let {@code ServerHandshake} judge it (400, 403,
 * 426 …), let the endpoint's {@link HandshakeInterceptor} judge it (e.g. 401), write the 101,
 * then hand the socket — and any bytes that came after the request — to a
 * {@link WebSocketConnection}. A request without {@code Upgrade: websocket} goes to the
 * server's {@link HttpFallbackHandler} when it has one.
 */
final class UpgradeHandler implements ConnectionHandler {

    private static final Logger LOG = System.getLogger(UpgradeHandler.class.getName());
    /** The server never masks (RFC 6455 §5.1), so its key source is never consulted. */
    private static final MaskKeySource UNUSED_MASK_KEYS = MaskKeySource.fixed(0);

    private final WebSocketServer server;
    private final ServerConfig config;

    UpgradeHandler(WebSocketServer server, ServerConfig config) {
        this.server = server;
        this.config = config;
    }

    @Override
    @SuppressWarnings("try") // the resource is the deadline itself; the body never names it
    public void handle(Socket socket) throws IOException {
        long deadline = System.nanoTime() + config.handshakeTimeout().toNanos();
        TlsHandshakeDeadline.complete(socket, deadline); // wss: the TLS handshake ends at the same deadline
        HttpLimits limits = config.http();
        // Room for the longest legal request plus a little of what may follow it.
        ByteBuffer buffer = ByteBuffer.allocate(limits.maxRequestLineLength() + limits.maxHeaderBytes() + 4096);
        HttpRequest request;
        try (var tlsRecords = TlsHandshakeDeadline.arm(socket, deadline)) { // a trickled TLS record ends at it too
            request = readRequest(socket, buffer, deadline);
        } catch (SocketTimeoutException slow) {
            // Slowloris defence: the whole request must arrive within the handshake timeout.
            LOG.log(Level.INFO, "{0}: no complete upgrade request within {1}; closing",
                    socket.getRemoteSocketAddress(), config.handshakeTimeout());
            respond(socket, new HandshakeException(408, "the upgrade request did not arrive within "
                    + config.handshakeTimeout()).toResponse());
            return;
        } catch (HandshakeException refused) {
            LOG.log(Level.DEBUG, "{0}: malformed upgrade request: {1}", socket.getRemoteSocketAddress(), refused.getMessage());
            respond(socket, refused.toResponse());
            return;
        }
        if (request == null) {
            return; // the client left before finishing its request
        }
        HttpFallbackHandler fallback = server.httpFallback();
        if (fallback != null && !request.headers().containsToken("Upgrade", "websocket")) {
            // RFC 6455 §4.1 item 5: only a request with Upgrade: websocket asks for a WebSocket.
            respond(socket, serveHttp(fallback, socket, request));
            return;
        }
        upgrade(socket, request, buffer);
    }

    /** The fallback's answer with {@code Connection: close}: one request per connection (RFC 9112 §9.6). */
    private static HttpResponse serveHttp(HttpFallbackHandler fallback, Socket socket, HttpRequest request) {
        HttpResponse response;
        try {
            response = Objects.requireNonNull(fallback.handle(request, remoteAddress(socket)), "fallback response");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "HTTP fallback handler failed on " + request.method() + " " + request.path(), e);
            response = HttpResponse.text(500, "internal server error\n");
        }
        HttpHeaders headers = response.headers().copy();
        headers.set("Connection", "close");
        return new HttpResponse(response.status(), response.reason(), headers, response.body());
    }

    /**
     * The endpoint's interceptor, after the RFC 6455 checks and before the 101: null when it
     * accepts (its attributes are then in {@code attributes}), else the refusal to write.
     */
    private static HttpResponse intercept(ResolvedEndpoint endpoint, Socket socket, HttpRequest request,
                                          Map<String, Object> attributes) {
        try {
            endpoint.endpoint().interceptor().beforeUpgrade(request, remoteAddress(socket), attributes);
            return null;
        } catch (HandshakeException refused) {
            LOG.log(Level.DEBUG, "{0}: refused by the interceptor: {1} {2}",
                    socket.getRemoteSocketAddress(), refused.status(), refused.getMessage());
            return refused.toResponse();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handshake interceptor of " + endpoint.endpoint() + " failed", e);
            return new HandshakeException(500, "the server could not decide on this connection").toResponse();
        }
    }

    private static InetSocketAddress remoteAddress(Socket socket) {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    private void upgrade(Socket socket, HttpRequest request, ByteBuffer leftover) throws IOException {
        ResolvedEndpoint endpoint = server.endpoint(request.path());
        if (endpoint == null) {
            respond(socket, new HandshakeException(404, "no WebSocket endpoint at " + request.path()).toResponse());
            return;
        }
        if (server.isStopping() || !server.tryAdmit()) {
            respond(socket, new HandshakeException(503, server.isStopping()
                    ? "the server is shutting down"
                    : "the server is at its limit of " + config.maxConnections() + " connections").toResponse());
            return;
        }
        try {
            HandshakeAccepted accepted;
            try {
                accepted = endpoint.handshake().accept(request);
            } catch (HandshakeException refused) {
                LOG.log(Level.DEBUG, "{0}: handshake refused: {1}", socket.getRemoteSocketAddress(), refused.getMessage());
                respond(socket, refused.toResponse());
                return;
            }
            Map<String, Object> attributes = new HashMap<>();
            HttpResponse refusal = intercept(endpoint, socket, request, attributes);
            if (refusal != null) {
                respond(socket, refusal);
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write(accepted.response().toBytes());
            out.flush();
            WebSocketProtocol protocol = new WebSocketProtocol(Role.SERVER, config.protocol(), UNUSED_MASK_KEYS,
                    System.nanoTime());
            WebSocketConnection connection = new WebSocketConnection(socket, protocol, endpoint.endpoint().handler(),
                    config.connectionSettings(), request.path(), accepted.subprotocol(), earlyBytes(leftover));
            connection.attributes().putAll(attributes);
            server.register(connection);
            try {
                connection.run();
            } finally {
                server.unregister(connection);
            }
        } finally {
            server.release();
        }
    }

    /**
     * A compact copy of what followed the request: a slice would keep the whole handshake
     * buffer (about 20 KiB with the default limits) alive for the connection's lifetime.
     */
    private static ByteBuffer earlyBytes(ByteBuffer leftover) {
        ByteBuffer copy = ByteBuffer.allocate(leftover.remaining());
        copy.put(leftover.duplicate());
        return copy.flip();
    }

    /**
     * Reads until the parser returns a request; on return {@code buffer} is positioned at the
     * first byte after the blank line. Null when the client closed first.
     */
    private HttpRequest readRequest(Socket socket, ByteBuffer buffer, long deadline)
            throws IOException, HandshakeException {
        HttpRequestParser parser = new HttpRequestParser(config.http());
        InputStream in = socket.getInputStream();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("handshake deadline passed");
            }
            if (!buffer.hasRemaining()) {
                // Cannot happen with a parser that enforces the same limits; refuse defensively.
                throw new SocketTimeoutException("request larger than the header limits");
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (n < 0) {
                return null;
            }
            buffer.position(buffer.position() + n);
            buffer.flip();
            HttpRequest request = parser.parse(buffer);
            if (request != null) {
                return request;
            }
            buffer.compact();
        }
    }

    /**
     * Serves a TCP connection past {@code maxConnections}: open connections (handshakes in
     * progress included) are capped on the accept thread, so a flood of silent connections
     * cannot pile up threads for a whole handshake timeout each. RFC 6455 §4.2.1 lets a server
     * answer an upgrade with any HTTP error; 503 says "try again later".
     */
    static void refuseOverLimit(Socket socket, int maxConnections, Duration handshakeTimeout) throws IOException {
        TlsHandshakeDeadline.complete(socket, handshakeTimeout); // wss: never wait in TLS without a deadline
        respond(socket, new HandshakeException(503, "the server is at its limit of "
                + maxConnections + " connections").toResponse());
    }

    private static void respond(Socket socket, HttpResponse response) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(response.toBytes());
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send {0} to {1}: {2}", response.status(), socket.getRemoteSocketAddress(), e);
        }
    }
}
