package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.socketlab.websocket.server.FrontDoor;
import org.socketlab.websocket.server.ServerConfig;

/**
 * The ticker on a front door of its own: {@link RealtimeService} mounted at {@code /}, so the
 * five techniques live at {@code /poll}, {@code /long-poll}, {@code /stream}, {@code /sse},
 * {@code /ws} and the index page at {@code /}. To share a port with other servers, mount a
 * {@link RealtimeService} on a {@link FrontDoor} yourself ({@code demo.CourseServer} does).
 *
 * <p>The front door's keep-alive timeout is the config's {@code idleTimeout}, its header limits
 * the config's {@code http}. Thread-safe; {@link #close()} may be called from any thread.
 */
public final class RealtimeServer implements AutoCloseable {

    private final RealtimeService service;
    private final FrontDoor frontDoor;

    private RealtimeServer(InetAddress host, int port, RealtimeConfig config) throws IOException {
        this.service = new RealtimeService("/", config);
        try {
            this.frontDoor = FrontDoor.builder()
                    .host(host)
                    .port(port)
                    .backlog(512)
                    .config(frontDoorConfig(config))
                    .mount("/", service)
                    .start();
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** The shared front-door limits with the ticker's own idle timeout and header limits. */
    static ServerConfig frontDoorConfig(RealtimeConfig config) {
        ServerConfig defaults = ServerConfig.defaults();
        return defaults.withHttp(config.http())
                .withFrontDoor(defaults.frontDoor().withKeepAliveTimeout(config.idleTimeout()));
    }

    /** Starts a server with {@code config} on loopback, port {@code port} (0 = any free port). */
    public static RealtimeServer start(int port, RealtimeConfig config) throws IOException {
        return new RealtimeServer(InetAddress.getLoopbackAddress(), port, config);
    }

    public static RealtimeServer start(InetAddress host, int port, RealtimeConfig config) throws IOException {
        return new RealtimeServer(Objects.requireNonNull(host, "host"), port, config);
    }

    /** The mounted feed (its stats, ticker and subscribers). */
    public RealtimeService service() {
        return service;
    }

    public FrontDoor frontDoor() {
        return frontDoor;
    }

    public Ticker ticker() {
        return service.ticker();
    }

    public RealtimeConfig config() {
        return service.config();
    }

    public int port() {
        return frontDoor.port();
    }

    public InetSocketAddress localAddress() {
        return frontDoor.localAddress();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUri() {
        InetSocketAddress address = localAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Bytes, requests and events counted at the socket for {@code technique}. */
    public TrafficStats stats(Technique technique) {
        return service.stats(technique);
    }

    /** Traffic that matched no technique: the index page, 404 … */
    public TrafficStats otherStats() {
        return service.otherStats();
    }

    /** TCP connections accepted since start (each costs a handshake the byte counters cannot see). */
    public long acceptedConnections() {
        return frontDoor.acceptedConnections();
    }

    public int activeConnections() {
        return frontDoor.activeConnections();
    }

    /** Open streams, SSE and WebSocket connections and waiting long polls. */
    public int subscriberCount() {
        return service.subscriberCount();
    }

    /** Waits until {@link #subscriberCount()} equals {@code expected}; whether it did within {@code timeout}. */
    public boolean awaitSubscribers(int expected, Duration timeout) {
        return service.awaitSubscribers(expected, timeout);
    }

    /** Cuts every open stream and SSE connection without ending its body (SSE clients reconnect). */
    public void disconnectStreams() {
        service.disconnectStreams();
    }

    /** Stops publishing, ends streams (last chunk), closes WebSockets with 1001 and the listener. */
    @Override
    public void close() {
        service.close();
        frontDoor.stop(Duration.ofSeconds(1));
    }
}
