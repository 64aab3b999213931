package org.socketlab.websocket.socketio.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.socketlab.tcp.ConnectionHandler;
import org.socketlab.websocket.http.HandshakeException;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.http.HttpResponse;

/**
 * One TCP connection of the Engine.IO server: an HTTP/1.1 keep-alive loop (RFC 9112 §9.3)
 * that answers polling requests one after another, until the client closes, goes idle, sends
 * a broken request (answered, then closed: RFC 9112 §9.6), or upgrades to WebSocket — then
 * the socket belongs to the WebSocket read loop until it closes.
 */
final class EngineHttpHandler implements ConnectionHandler {

    private static final Logger LOG = System.getLogger(EngineHttpHandler.class.getName());
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final EngineServer server;
    private final PollingEndpoint polling;
    private final WebSocketEndpoint webSockets;

    EngineHttpHandler(EngineServer server) {
        this.server = server;
        this.polling = new PollingEndpoint(server);
        this.webSockets = new WebSocketEndpoint(server);
    }

    @Override
    public void handle(Socket socket) throws IOException {
        HttpRequestParser parser = new HttpRequestParser(server.config().httpLimits());
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES).flip(); // read mode, empty
        while (true) {
            HttpRequest request;
            try {
                request = readRequest(socket, parser, buffer);
            } catch (HandshakeException broken) {
                write(socket, broken.toResponse());
                return;
            }
            if (request == null) {
                return; // closed by the client, or idle past the keep-alive timeout
            }
            if (!request.path().equals(server.config().path())) {
                write(socket, HttpResponse.text(404, "no Engine.IO endpoint at " + request.path()
                        + "; it is at " + server.config().path() + "\n"));
                continue;
            }
            if (request.headers().containsToken("Upgrade", "websocket")) {
                webSockets.serve(socket, request, buffer.slice());
                return;
            }
            write(socket, polling.handle(request, socket.getInetAddress()));
            if (request.headers().containsToken("Connection", "close") || request.version().equals("HTTP/1.0")) {
                return;
            }
        }
    }

    /**
     * The next request, or null at end of stream or when no request starts within the
     * keep-alive timeout. Once a request has started it must finish within the request timeout.
     */
    private HttpRequest readRequest(Socket socket, HttpRequestParser parser, ByteBuffer buffer)
            throws IOException, HandshakeException {
        if (buffer.hasRemaining()) {
            HttpRequest pipelined = parser.parse(buffer);
            if (pipelined != null) {
                return pipelined;
            }
        }
        if (server.isStopping()) {
            return null;
        }
        InputStream in = socket.getInputStream();
        long deadline = System.nanoTime() + server.config().keepAliveTimeout().toNanos();
        boolean started = false;
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return timedOut(socket, started);
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            buffer.clear();
            int n;
            server.idle(socket, !started);
            try {
                n = in.read(buffer.array(), 0, buffer.capacity());
            } catch (SocketTimeoutException idle) {
                return timedOut(socket, started);
            } catch (IOException closed) {
                if (server.isStopping()) {
                    return null;
                }
                throw closed;
            } finally {
                server.idle(socket, false);
            }
            if (n < 0) {
                return null;
            }
            if (!started) {
                started = true;
                deadline = System.nanoTime() + server.config().requestTimeout().toNanos();
            }
            buffer.limit(n);
            HttpRequest request = parser.parse(buffer); // consumes all it needs; the rest stays
            if (request != null) {
                return request;
            }
        }
    }

    private HttpRequest timedOut(Socket socket, boolean started) {
        if (started) {
            write(socket, HttpResponse.text(408, "the request did not arrive within "
                    + server.config().requestTimeout() + "\n"));
        }
        return null;
    }

    private static void write(Socket socket, HttpResponse response) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(response.toBytes());
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send {0} to {1}: {2}", response.status(), socket.getRemoteSocketAddress(), e);
        }
    }
}
