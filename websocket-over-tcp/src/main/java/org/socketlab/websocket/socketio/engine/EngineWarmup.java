package org.socketlab.websocket.socketio.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.handshake.ServerHandshake;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * Runs the code paths of a first session once, in memory, when a server starts: the HTTP
 * parser, the Engine.IO codec and query, the RFC 6455 handshake (SHA-1, Base64), frames both
 * ways, the session id generator, a virtual thread. On a fresh JVM loading and interpreting
 * these for the first real client took longer than a short heartbeat (300 ms + 200 ms), and
 * that client's session died; after the warm-up it completes well inside (see
 * {@code SocketIoColdStartTest}). Nothing here touches a socket or a user's listener.
 */
final class EngineWarmup {

    private static final Logger LOG = System.getLogger(EngineWarmup.class.getName());
    private static final int ROUNDS = 20;

    private EngineWarmup() {
    }

    static void run(EngineConfig config) {
        long started = System.nanoTime();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                round(config);
            }
            Thread.startVirtualThread(() -> { }).join();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.DEBUG, "warm-up skipped: {0}", e.toString()); // only speed is at stake
        }
        LOG.log(Level.DEBUG, "Engine.IO warm-up took {0} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static void round(EngineConfig config) throws Exception {
        String sid = EngineServer.newId();
        String open = EngineCodec.encodePayload(List.of(EnginePacket.of(EnginePacketType.OPEN, config.openJson(sid, true))));
        EngineCodec.decodePayload("4hello\u001ebAQIDBA==\u001e3\u001e40{\"token\":1}");
        HttpRequest handshake = parse(config, "GET " + config.path() + "?EIO=4&transport=polling&t=w HTTP/1.1\r\n"
                + "Host: warmup\r\nAccept: */*\r\n\r\n");
        EngineRequest.from(handshake).requireVersion4();
        new EngineCors(config.origins(), config.corsCredentials()).decorate(handshake,
                HttpResponse.withBody(200, new HttpHeaders().add("Cache-Control", "no-store"), "text/plain; charset=UTF-8",
                        open.getBytes(StandardCharsets.UTF_8))).toBytes();
        parse(config, "POST " + config.path() + "?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
                + "Host: warmup\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: 2\r\n\r\n40").bodyText();
        HttpRequest upgrade = parse(config, "GET " + config.path() + "?EIO=4&transport=websocket&sid=" + sid
                + " HTTP/1.1\r\nHost: warmup\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        new ServerHandshake(HandshakePolicy.defaults().withOrigins(OriginPolicy.allowAny())).accept(upgrade)
                .response().toBytes();
        frames(config);
    }

    private static HttpRequest parse(EngineConfig config, String request) throws Exception {
        return new HttpRequestParser(config.httpLimits()).parse(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** The probe exchange as frames: masked client frames in, server frames out. */
    private static void frames(EngineConfig config) {
        long now = System.nanoTime();
        WebSocketProtocol client = new WebSocketProtocol(Role.CLIENT, ProtocolConfig.defaults(),
                MaskKeySource.fixed(0x5eed1234), now);
        WebSocketProtocol server = new WebSocketProtocol(Role.SERVER, config.webSocketProtocol(), MaskKeySource.fixed(0), now);
        client.sendText("2probe");
        client.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        client.pollOutgoing().forEach(bytes -> server.receive(bytes, now));
        server.pollEvents();
        server.sendText("3probe");
        server.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        server.pollOutgoing().forEach(bytes -> client.receive(bytes, now));
        client.pollEvents();
    }
}
