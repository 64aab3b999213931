package org.socketlab.websocket.socketio;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.socketio.engine.EnginePacket;
import org.socketlab.websocket.socketio.engine.EngineSession;
import org.socketlab.websocket.socketio.parser.JsonObjectText;
import org.socketlab.websocket.socketio.parser.PacketDecoder;
import org.socketlab.websocket.socketio.parser.PacketEncoder;
import org.socketlab.websocket.socketio.parser.PacketType;
import org.socketlab.websocket.socketio.parser.SocketIoPacket;
import org.socketlab.websocket.socketio.parser.SocketIoProtocolException;

/**
 * One client connection (one Engine.IO session) and the namespaces it joined over it: decodes
 * its messages into Socket.IO packets, answers CONNECT (after the middlewares), routes the rest
 * to the namespace's socket. Its callbacks are serialised by the Engine.IO session.
 */
final class Client implements EngineSession.Listener {

    private static final Logger LOG = System.getLogger(Client.class.getName());

    private final SocketIoServer server;
    private final EngineSession engine;
    private final PacketDecoder decoder;
    private final Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>();
    private volatile boolean everConnected;

    Client(SocketIoServer server, EngineSession engine) {
        this.server = server;
        this.engine = engine;
        this.decoder = new PacketDecoder(server.maxAttachments());
        // Socket.IO v5: a connection that joins no namespace in time is closed (connectTimeout).
        CompletableFuture.runAsync(this::checkConnected, CompletableFuture.delayedExecutor(
                server.connectTimeout().toNanos(), TimeUnit.NANOSECONDS, Thread::startVirtualThread));
    }

    EngineSession engine() {
        return engine;
    }

    @Override
    public void onMessage(EngineSession session, EnginePacket message) {
        SocketIoPacket packet;
        try {
            packet = message.isBinary() ? decoder.add(message.binary()) : decoder.add(message.text());
        } catch (SocketIoProtocolException malformed) {
            LOG.log(Level.DEBUG, "{0}: {1}; closing the connection", engine.id(), malformed.getMessage());
            engine.close("parse error");
            return;
        }
        if (packet == null) {
            return; // waiting for binary attachments
        }
        if (packet.type() == PacketType.CONNECT) {
            connect(packet);
            return;
        }
        SocketIoSocket socket = sockets.get(packet.namespace());
        if (socket == null) {
            LOG.log(Level.DEBUG, "{0}: {1} for namespace {2}, which it has not joined; ignored",
                    engine.id(), packet.type(), packet.namespace());
            return;
        }
        socket.onPacket(packet);
    }

    @Override
    public void onClose(EngineSession session, String reason) {
        for (SocketIoSocket socket : new ArrayList<>(sockets.values())) {
            socket.onClose(reason);
        }
        sockets.clear();
    }

    private void connect(SocketIoPacket packet) {
        String name = packet.namespace();
        Namespace namespace = server.existingNamespace(name);
        if (namespace == null) {
            refuse(name, "Invalid namespace", null);
            return;
        }
        if (sockets.containsKey(name)) {
            LOG.log(Level.DEBUG, "{0}: second CONNECT to {1} ignored", engine.id(), name);
            return;
        }
        SocketIoSocket socket = new SocketIoSocket(server.newSocketId(), this, namespace, auth(packet));
        try {
            namespace.runMiddlewares(socket);
        } catch (ConnectErrorException refused) {
            refuse(name, refused.getMessage(), refused.data());
            return;
        }
        everConnected = true;
        sockets.put(name, socket);
        namespace.add(socket);
        socket.join(socket.id());
        // The reference client refuses a CONNECT reply without sid.
        socket.send(new SocketIoPacket(PacketType.CONNECT, name, SocketIoPacket.NO_ACK, Map.of("sid", socket.id())));
        namespace.fireConnection(socket);
    }

    private void refuse(String namespace, String message, Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message == null ? "refused" : message);
        if (data != null) {
            error.put("data", data);
        }
        send(PacketEncoder.encode(new SocketIoPacket(PacketType.CONNECT_ERROR, namespace, SocketIoPacket.NO_ACK, error)));
    }

    /** The CONNECT payload exactly as sent (the decoder keeps an object's text), or {@code {}}. */
    private static JsonObjectText auth(SocketIoPacket packet) {
        return packet.data() instanceof JsonObjectText text ? text : JsonObjectText.EMPTY;
    }

    void remove(SocketIoSocket socket) {
        sockets.remove(socket.namespace().name(), socket);
    }

    /** Queues an encoded packet and its attachments as contiguous Engine.IO messages. */
    boolean send(PacketEncoder.Encoded encoded) {
        List<EnginePacket> messages = new ArrayList<>(1 + encoded.attachments().size());
        messages.add(EnginePacket.message(encoded.text()));
        encoded.attachments().forEach(bytes -> messages.add(EnginePacket.binary(bytes)));
        return engine.send(messages);
    }

    private void checkConnected() {
        if (!everConnected && engine.isOpen()) {
            LOG.log(Level.DEBUG, "{0}: no namespace joined within {1}; closing", engine.id(), server.connectTimeout());
            engine.close("connect timeout");
        }
    }
}
