package org.socketlab.websocket.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * One request on a front-door connection and the one way to answer it: a whole response
 * ({@link #respond}), a streamed one ({@link #stream}) or a WebSocket ({@link #upgrade}). The
 * front door decides what happens to the connection afterwards from what was done here: a
 * complete response on a persistent connection lets the next (possibly pipelined) request be
 * read; anything else closes it, and the response said so with {@code Connection: close}
 * (RFC 9112 §9.6).
 *
 * <p>Every response gets {@code X-Content-Type-Options: nosniff}; a HEAD request gets the head
 * of what a GET would get, Content-Length included (RFC 9110 §9.3.2). Every write has the
 * front door's write timeout.
 *
 * <p>Not thread-safe: used by the connection's own thread (a held response may be fed by other
 * threads through its own queue, as the ticker does).
 */
public final class HttpExchange {

    enum State { PENDING, STREAMING, DONE_PERSISTENT, DONE_CLOSING, UPGRADED }

    private final HttpConnection connection;
    private final HttpRequest request;
    private final boolean keepAlive;
    private final long arrival;
    private State state = State.PENDING;

    HttpExchange(HttpConnection connection, HttpRequest request, boolean keepAlive, long arrival) {
        this.connection = connection;
        this.request = request;
        this.keepAlive = keepAlive;
        this.arrival = arrival;
    }

    /**
     * The request's arrival ticket: orders requests by when they reached the server, as far as
     * the server can tell. A smaller ticket arrived earlier. A connection's first request
     * carries the ticket taken when the connection was accepted (on the accept thread, in
     * accept order, before any connection thread runs); a later request on a persistent
     * connection one taken when its head had been read. Tickets are unique within one front door.
     */
    public long arrival() {
        return arrival;
    }

    public HttpRequest request() {
        return request;
    }

    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** The address and port the client connected to (this server's side of the connection). */
    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    /**
     * Whether the connection stays open after a complete response: the client asked for it
     * (HTTP/1.1 without {@code Connection: close}, or HTTP/1.0 with {@code keep-alive}), the
     * server is not stopping and the connection has requests left.
     */
    public boolean keepAlive() {
        return keepAlive && !connection.door().isStopping() && !connection.door().closesAfterEachResponse();
    }

    /** The server is stopping: a held response should end now. */
    public boolean isStopping() {
        return connection.door().isStopping();
    }

    /** Count this route's bytes (the request head included) into {@code meter}. */
    public void meter(TrafficMeter meter) {
        connection.socket().attach(Objects.requireNonNull(meter, "meter"));
    }

    /**
     * Writes a whole response. {@code Connection: close} in {@code response} closes the
     * connection after it (the route's choice); otherwise {@link #keepAlive()} decides.
     */
    public void respond(HttpResponse response) throws IOException {
        requireState(State.PENDING);
        boolean persist = keepAlive() && !response.headers().containsToken("Connection", "close");
        HttpResponse complete = withStandardHeaders(response, persist);
        state = persist ? State.DONE_PERSISTENT : State.DONE_CLOSING;
        connection.write(request.method().equals("HEAD") ? complete.headBytes() : complete.toBytes());
    }

    /**
     * Starts a response of unknown length: chunked for HTTP/1.1 (RFC 9112 §7.1), delimited by
     * closing the connection for HTTP/1.0 (which cannot decode chunks, RFC 9112 §6.3). For HEAD
     * only the head is sent and the stream refuses writes.
     */
    public ResponseStream stream(int status, HttpHeaders headers) throws IOException {
        requireState(State.PENDING);
        HttpHeaders all = headers.copy();
        boolean chunked = !request.version().equals("HTTP/1.0");
        boolean head = request.method().equals("HEAD");
        if (chunked) {
            all.set("Transfer-Encoding", "chunked");
        }
        boolean persist = chunked && keepAlive() && !headers.containsToken("Connection", "close");
        HttpResponse response = withStandardHeaders(new HttpResponse(status, reason(status), all, new byte[0]), persist);
        state = head ? (persist ? State.DONE_PERSISTENT : State.DONE_CLOSING) : State.STREAMING;
        connection.write(response.headBytes());
        return new ResponseStream(this, chunked, head, persist);
    }

    /**
     * The RFC 6455 opening handshake through the front door's single upgrade path. On success
     * the 101 is written and the WebSocket runs on this connection's thread as soon as the
     * route's handler returns (so nothing of the request stays reachable while it idles,
     * issue 19); {@code handler} sees {@code onOpen} then. A refused handshake is answered with
     * its status and {@code Connection: close}.
     *
     * @return true when the connection was upgraded, false when the handshake was refused
     */
    public boolean upgrade(UpgradeOptions options, WebSocketHandler handler) throws IOException {
        requireState(State.PENDING);
        return WebSocketUpgrade.open(this, WebSocketUpgrade.Plan.of(options, handler));
    }

    /**
     * Hands the connection to a protocol the front door does not speak itself (SockJS's hixie-76
     * WebSocket, {@code sockjs/Hixie76Connection}): the bytes already read after the request head,
     * the socket (writes keep the front door's write timeout) and the front door's limits for it.
     * Nothing has been written; the connection is closed when the route returns.
     */
    public TakenConnection takeOver() {
        requireState(State.PENDING);
        state = State.DONE_CLOSING;
        ServerConfig config = connection.door().config();
        return new TakenConnection(connection.takeLeftover(), connection.socket(), connection.secure(),
                config.handshakeTimeout(), config.protocol());
    }

    /**
     * A connection a route took over ({@link #takeOver}).
     *
     * @param leftover         bytes read after the request head, to be consumed before the socket's
     * @param secure           the connection is TLS
     * @param handshakeTimeout the front door's deadline for an opening handshake
     * @param protocol         the front door's WebSocket limits and timers
     */
    public record TakenConnection(ByteBuffer leftover, java.net.Socket socket, boolean secure,
                                  java.time.Duration handshakeTimeout,
                                  org.socketlab.websocket.protocol.ProtocolConfig protocol) { }

    /**
     * Looks, for at most a millisecond, whether the client has closed its side while a held
     * response waits. Bytes that did arrive (a pipelined next request) are kept for the parser.
     */
    public boolean clientClosed() {
        return connection.peerClosed();
    }

    /** Ends the exchange without a response and closes the connection: the client has gone. */
    public void dropConnection() {
        if (state == State.PENDING || state == State.STREAMING) {
            state = State.DONE_CLOSING;
        }
    }

    /** A refusal written before closing: for errors after which the connection cannot continue. */
    void refuse(HttpResponse response) throws IOException {
        requireState(State.PENDING);
        state = State.DONE_CLOSING;
        connection.write(withStandardHeaders(response, false).toBytes());
    }

    /**
     * Ends the exchange with the 101 as it is (plus nosniff) and returns its bytes, unwritten:
     * the WebSocket connection that takes the socket over writes them as its first bytes, once
     * the handler's {@code onOpen} has returned (see {@code WebSocketUpgrade}).
     */
    byte[] switchProtocols(HttpResponse switching) {
        requireState(State.PENDING);
        state = State.UPGRADED;
        HttpHeaders headers = switching.headers().copy();
        headers.set("X-Content-Type-Options", "nosniff");
        return new HttpResponse(switching.status(), switching.reason(), headers, switching.body()).toBytes();
    }

    HttpConnection connection() {
        return connection;
    }

    ByteBuffer takeLeftover() {
        return connection.takeLeftover();
    }

    State state() {
        return state;
    }

    void finishStream(boolean persistent) {
        state = persistent ? State.DONE_PERSISTENT : State.DONE_CLOSING;
    }

    void abortStream() {
        state = State.DONE_CLOSING;
    }

    void writeRaw(byte[] bytes) throws IOException {
        connection.writeNoFlush(bytes);
    }

    void flush() throws IOException {
        connection.flush();
    }

    static HttpResponse withStandardHeaders(HttpResponse response, boolean persist) {
        HttpHeaders headers = response.headers().copy();
        if (persist) {
            headers.set("Connection", "keep-alive");
        } else if (!headers.containsToken("Connection", "close")) {
            headers.set("Connection", "close"); // a refusal's "close, Upgrade" (426) is kept as it is
        }
        if (!headers.contains("X-Content-Type-Options")) {
            headers.set("X-Content-Type-Options", "nosniff");
        }
        return new HttpResponse(response.status(), response.reason(), headers, response.body());
    }

    private static String reason(int status) {
        return org.socketlab.websocket.http.HttpStatus.reasonPhrase(status);
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("this exchange is " + state + ", not " + expected
                    + ": a request gets exactly one response");
        }
    }
}
