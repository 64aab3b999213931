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
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.transport.LoopConnection;
import org.socketlab.websocket.transport.TlsHandshakeDeadline;
import org.socketlab.websocket.transport.WebSocketConnection;

/**
 * The HTTP/1.1 connection loop of the front door — the only code that reads requests off a
 * socket: read a request within its deadlines, hand it to the route, and go round again while
 * the connection is persistent (RFC 9112 §9.3). Requests sent back to back (pipelining, §9.3.2)
 * are answered in order from the bytes already buffered.
 *
 * <p>Deadlines: the first request's head must arrive within {@code handshakeTimeout} of the
 * accept (a silent new connection gets 408); between requests the connection may idle for
 * {@code keepAliveTimeout} (then it is closed silently, §9.8); once a request has started its head must be complete within
 * {@code handshakeTimeout} and its body within {@code bodyTimeout} — slower clients (slowloris)
 * get 408 and the connection is closed. A malformed request is answered with its status and
 * {@code Connection: close}: a broken stream cannot be resynchronised (§9.6).
 *
 * <p>Runs on the connection's own thread; not shared.
 */
final class HttpConnection {

    private static final Logger LOG = System.getLogger(HttpConnection.class.getName());
    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final FrontDoor door;
    private final Socket rawSocket;
    private final MeteredSocket socket;
    /** Null once the connection has been handed to a WebSocket (nothing HTTP stays reachable). */
    private HttpRequestParser parser;
    private ByteBuffer inbound = ByteBuffer.allocate(READ_BUFFER_BYTES).flip(); // read mode, empty
    private int served;
    /** The connection's accept ticket: its first request's arrival ticket. */
    private final long acceptTicket;
    /** The WebSocket an upgrade built, waiting for the route's handler to return. */
    private WebSocketConnection upgraded;
    /** Or the same for an event loop ({@link ConnectionThreads#EVENT_LOOP}). */
    private LoopConnection upgradedToLoop;

    HttpConnection(FrontDoor door, Socket rawSocket) throws IOException {
        this.door = door;
        this.rawSocket = rawSocket;
        this.socket = new MeteredSocket(rawSocket, door.config().frontDoor().writeTimeout());
        this.parser = new HttpRequestParser(door.config().http());
        this.acceptTicket = door.arrivals().acceptTicket(); // on the connection's thread, inside its task
    }

    /**
     * Serves requests until the connection ends or is upgraded; an upgraded connection's
     * WebSocket then runs from this frame, which holds nothing of HTTP: the requests, the
     * exchanges and the route's frames are gone, and the parser and read buffer were dropped
     * at the hand-over (issue 19: an idle WebSocket keeps no request buffer).
     */
    void serve() throws IOException {
        WebSocketConnection webSocket;
        try {
            // wss: the TLS handshake ends at the first request's deadline too (a ClientHello
            // trickled a byte at a time would otherwise hold the connection forever).
            TlsHandshakeDeadline.complete(rawSocket, door.config().handshakeTimeout());
            webSocket = serveRequests();
        } finally {
            door.idle(this, false);
        }
        if (webSocket != null) {
            door.run(webSocket);
        } else if (upgradedToLoop != null) {
            LoopConnection onLoop = upgradedToLoop;
            upgradedToLoop = null;
            door.runOnLoop(onLoop, rawSocket);
        }
    }

    /** The request loop; returns the WebSocket a route upgraded to, or null when the connection ends. */
    private WebSocketConnection serveRequests() throws IOException {
        boolean first = true;
        while (true) {
            HttpRequest request = nextRequest(first);
            if (request == null) {
                return null;
            }
            // The first request arrived with the connection; a later one when its head was read.
            long arrival = first ? acceptTicket : door.arrivals().next();
            first = false;
            served++;
            boolean keepAlive = Persistence.clientWantsKeepAlive(request)
                    && served < door.config().frontDoor().maxRequestsPerConnection();
            HttpExchange exchange = new HttpExchange(this, request, keepAlive, arrival);
            try {
                door.dispatch(exchange);
            } catch (IOException afterUpgrade) {
                if (upgraded == null && upgradedToLoop == null) {
                    throw afterUpgrade;
                }
                // The 101 is out: the WebSocket still runs (and its handler hears onClose).
                LOG.log(Level.DEBUG, "{0}: route failed after the upgrade: {1}", remoteAddress(), afterUpgrade.toString());
            }
            if (exchange.state() == HttpExchange.State.UPGRADED) {
                WebSocketConnection webSocket = upgraded;
                upgraded = null;
                return webSocket;
            }
            if (exchange.state() != HttpExchange.State.DONE_PERSISTENT) {
                return null;
            }
            socket.detach();
        }
    }

    /** The next request, or null when the connection should end quietly. */
    private HttpRequest nextRequest(boolean first) throws IOException {
        try {
            return readRequest(first);
        } catch (HttpException malformed) {
            LOG.log(Level.DEBUG, "{0}: malformed request: {1}", remoteAddress(), malformed.getMessage());
            writeQuietly(HttpExchange.withStandardHeaders(malformed.toResponse(), false));
            return null;
        } catch (RequestTimeout slow) {
            LOG.log(Level.DEBUG, "{0}: {1}", remoteAddress(), slow.getMessage());
            writeQuietly(HttpExchange.withStandardHeaders(
                    new HttpException(408, slow.getMessage()).toResponse(), false));
            return null;
        }
    }

    private HttpRequest readRequest(boolean first) throws IOException, HttpException, RequestTimeout {
        Duration head = door.config().handshakeTimeout();
        boolean started = inbound.hasRemaining();
        long deadline = System.nanoTime() + (first || started ? head : door.config().frontDoor().keepAliveTimeout()).toNanos();
        boolean inBody = false;
        while (true) {
            if (inbound.hasRemaining()) {
                HttpRequest request = parser.parse(inbound);
                if (request != null) {
                    return request;
                }
                if (parser.readingBody() && !inBody) {
                    inBody = true; // the head is complete: the body gets its own deadline
                    deadline = System.nanoTime() + door.config().frontDoor().bodyTimeout().toNanos();
                }
            }
            if (!started && door.isStopping()) {
                return null;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return timedOut(started || first, inBody);
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            int count;
            door.idle(this, !started);
            // Under TLS a read returns whole records only: a record trickled byte by byte would
            // outlive SO_TIMEOUT, so the deadline is armed as a timer around the read as well.
            try (TlsHandshakeDeadline.Armed tlsRecords = TlsHandshakeDeadline.arm(rawSocket, deadline)) {
                count = readMore();
            } catch (SocketTimeoutException slow) {
                return timedOut(started || first, inBody);
            } catch (IOException closed) {
                if (!started) {
                    return null; // reset or closed by a stopping server while idle
                }
                throw closed;
            } finally {
                door.idle(this, false);
            }
            if (count < 0) {
                return null; // the client closed (between requests, or gave up mid-request)
            }
            if (!started) {
                started = true;
                deadline = System.nanoTime() + head.toNanos();
            }
        }
    }

    private HttpRequest timedOut(boolean started, boolean inBody) throws RequestTimeout {
        if (!started) {
            // RFC 9112 §9.8: an idle persistent connection is closed without a response (a 408
            // could cross a request the client sent just now). A new connection that never sent
            // a byte does get its 408: nothing can cross it.
            LOG.log(Level.DEBUG, "{0}: idle past the keep-alive timeout; closing", remoteAddress());
            return null;
        }
        throw new RequestTimeout(inBody
                ? "the request body did not arrive within " + door.config().frontDoor().bodyTimeout()
                : "the request head did not arrive within " + door.config().handshakeTimeout());
    }

    /** Reads into the free space after the buffered bytes; -1 at end of stream. */
    private int readMore() throws IOException {
        inbound.compact();
        try {
            if (!inbound.hasRemaining()) {
                // Only a pipelined burst can fill the buffer; the parser consumes a head as it goes.
                ByteBuffer bigger = ByteBuffer.allocate(inbound.capacity() * 2);
                inbound.flip();
                inbound = bigger.put(inbound);
            }
            InputStream in = socket.getInputStream();
            int count = in.read(inbound.array(), inbound.arrayOffset() + inbound.position(), inbound.remaining());
            if (count > 0) {
                inbound.position(inbound.position() + count);
            }
            return count;
        } finally {
            inbound.flip();
        }
    }

    /** See {@link HttpExchange#clientClosed()}. */
    boolean peerClosed() {
        try {
            socket.setSoTimeout(1);
            return readMore() < 0;
        } catch (SocketTimeoutException nothingYet) {
            return false;
        } catch (IOException broken) {
            return true;
        }
    }

    /** What followed the upgrade request (early WebSocket frames), as a compact copy. */
    ByteBuffer takeLeftover() {
        ByteBuffer copy = ByteBuffer.allocate(inbound.remaining());
        copy.put(inbound);
        inbound = ByteBuffer.allocate(0);
        return copy.flip();
    }

    /**
     * The connection now belongs to {@code webSocket}, which runs once the route's handler has
     * returned; the parser and the read buffer are dropped now, so nothing of HTTP stays
     * reachable while the WebSocket idles.
     */
    void handOver(WebSocketConnection webSocket) {
        inbound = ByteBuffer.allocate(0);
        parser = null;
        upgraded = webSocket; // the meter stays attached: a route may count its WebSocket's bytes (lab 07)
    }

    /** {@link #handOver(WebSocketConnection)} for an event loop (it counts into the route's meter itself). */
    void handOver(LoopConnection webSocket) {
        inbound = ByteBuffer.allocate(0);
        parser = null;
        upgradedToLoop = webSocket;
    }

    /** The channel an event loop can drive, or null (TLS, or a socket accepted without a channel). */
    java.nio.channels.SocketChannel webSocketChannel() {
        return door.eventLoops() == null || rawSocket instanceof javax.net.ssl.SSLSocket ? null : rawSocket.getChannel();
    }

    void write(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    void writeNoFlush(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
    }

    void flush() throws IOException {
        socket.getOutputStream().flush();
    }

    private void writeQuietly(HttpResponse response) {
        try {
            write(response.toBytes());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send {0} to {1}: {2}", response.status(), remoteAddress(), e.toString());
        }
    }

    FrontDoor door() {
        return door;
    }

    MeteredSocket socket() {
        return socket;
    }

    /** The socket a WebSocket runs on: metered, except under TLS (the adapter needs the SSLSocket). */
    Socket webSocketSocket() {
        socket.disableWriteTimeout();
        return rawSocket instanceof javax.net.ssl.SSLSocket ? rawSocket : socket;
    }

    boolean secure() {
        return rawSocket instanceof javax.net.ssl.SSLSocket;
    }

    void closeQuietly() {
        try {
            rawSocket.close();
        } catch (IOException ignored) {
            // Best effort: the peer may be gone already.
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) rawSocket.getLocalSocketAddress();
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) rawSocket.getRemoteSocketAddress();
    }

    /** A request that did not arrive in time. */
    private static final class RequestTimeout extends Exception {
        RequestTimeout(String message) {
            super(message, null, false, false);
        }
    }
}
