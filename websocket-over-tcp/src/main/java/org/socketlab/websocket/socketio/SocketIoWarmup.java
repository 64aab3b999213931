package org.socketlab.websocket.socketio;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import org.socketlab.websocket.socketio.parser.PacketDecoder;
import org.socketlab.websocket.socketio.parser.PacketEncoder;
import org.socketlab.websocket.socketio.parser.PacketType;
import org.socketlab.websocket.socketio.parser.SocketIoPacket;

/**
 * Decodes and encodes the packets of a first connection once, in memory, when a server is
 * built: Jackson's first use costs most of a cold client's time (see {@code EngineWarmup}).
 */
final class SocketIoWarmup {

    private static final Logger LOG = System.getLogger(SocketIoWarmup.class.getName());
    private static final int ROUNDS = 20;

    private SocketIoWarmup() {
    }

    static void run() {
        long started = System.nanoTime();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                round();
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.DEBUG, "warm-up skipped: {0}", e.toString()); // only speed is at stake
        }
        LOG.log(Level.DEBUG, "Socket.IO warm-up took {0} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static void round() throws Exception {
        PacketDecoder decoder = new PacketDecoder(10);
        SocketIoPacket connect = decoder.add("0/warmup,{\"token\":\"t\",\"n\":1.5,\"list\":[1,true,null]}");
        decoder.add("2[\"message\",1,\"2\",{\"3\":[true]}]");
        decoder.add("3/warmup,7[\"reply\"]");
        decoder.add("51-[\"upload\",{\"_placeholder\":true,\"num\":0}]");
        decoder.add(new byte[] {1, 2, 3});
        PacketEncoder.encode(new SocketIoPacket(PacketType.CONNECT, "/", SocketIoPacket.NO_ACK, Map.of("sid", "w")));
        PacketEncoder.encode(new SocketIoPacket(PacketType.EVENT, "/warmup", SocketIoPacket.NO_ACK,
                List.of("auth", connect.data(), new byte[] {4, 5})));
        PacketEncoder.encode(new SocketIoPacket(PacketType.ACK, "/", 3, List.of(1, "2", Map.of("3", List.of(false)))));
    }
}
