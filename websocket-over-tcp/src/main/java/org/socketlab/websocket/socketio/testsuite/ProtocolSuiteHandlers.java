package org.socketlab.websocket.socketio.testsuite;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.socketlab.websocket.socketio.SocketIoServer;
import org.socketlab.websocket.socketio.engine.EngineConfig;
import org.socketlab.websocket.socketio.engine.EnginePacket;
import org.socketlab.websocket.socketio.engine.EngineSession;

/**
 * The server behaviour the official protocol test suites expect (engine.io-protocol and
 * socket.io-protocol, {@code test-suite/}), so a server built from the public API can be
 * checked against them:
 * <ul>
 *   <li>raw Engine.IO: every message is echoed back ({@link #engineEcho()});</li>
 *   <li>Socket.IO "/": on connection emit {@code "auth"} with the CONNECT payload as sent;
 *       {@code "message"} is answered with {@code "message-back"} and the same arguments;
 *       {@code "message-with-ack"} is acknowledged with its arguments;</li>
 *   <li>Socket.IO "/custom": on connection emit {@code "auth"}.</li>
 * </ul>
 * The suites' server runs with pingInterval 300 ms, pingTimeout 200 ms, maxPayload 1,000,000
 * and any origin ({@link #suiteConfig}).
 */
public final class ProtocolSuiteHandlers {

    private ProtocolSuiteHandlers() {
    }

    /** The suites' Engine.IO settings at {@code path}: 300 ms / 200 ms heartbeat, 1 MB payloads, any origin. */
    public static EngineConfig suiteConfig(String path) {
        return EngineConfig.defaults()
                .withPath(path)
                .withPingInterval(Duration.ofMillis(300))
                .withPingTimeout(Duration.ofMillis(200))
                .withMaxPayload(1_000_000)
                .withAnyOrigin();
    }

    /** A listener factory for {@code EngineServer.start}: each session echoes every message it receives. */
    public static Function<EngineSession, EngineSession.Listener> engineEcho() {
        return session -> new EngineSession.Listener() {
            @Override
            public void onMessage(EngineSession from, EnginePacket packet) {
                from.send(List.of(packet));
            }

            @Override
            public void onClose(EngineSession closed, String reason) {
                // nothing to clean up
            }
        };
    }

    /** Mounts the socket.io-protocol suite's namespaces "/" and "/custom" on {@code io}; returns it. */
    public static SocketIoServer mount(SocketIoServer io) {
        io.of("/").on("connection", socket -> {
            socket.emit("auth", socket.auth());
            socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
            socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
        });
        io.of("/custom").on("connection", socket -> socket.emit("auth", socket.auth()));
        return io;
    }
}
