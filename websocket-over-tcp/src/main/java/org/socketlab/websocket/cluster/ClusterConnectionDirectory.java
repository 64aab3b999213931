package org.socketlab.websocket.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.socketlab.websocket.routing.ConnectionDirectory;
import org.socketlab.websocket.routing.ConnectionInfo;
import org.socketlab.websocket.routing.ConnectionManager;

/**
 * {@code @connections} across nodes. Each node registers its connections in the
 * {@link ConnectionRegistry} (TTL + heartbeat). A request for a connection held elsewhere is
 * answered from the registry ({@code GET}) or published on the owner's channel
 * {@code node:<id>} ({@code POST}, {@code DELETE}); Redis returns how many subscribers got it,
 * so a node that is gone (0) is noticed at once and the answer is 410, as it is once the entry
 * expired. Broadcasts go to {@code routing:broadcast}, which every node delivers to its own
 * connections.
 *
 * <p>A remote request is delivered as: one JSON header line ({@code {"op":"text|binary|close","id":...}}),
 * a newline, then the message bytes. Thread-safe.
 */
public final class ClusterConnectionDirectory implements ConnectionDirectory {

    private static final Logger LOG = System.getLogger(ClusterConnectionDirectory.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterNode node;
    private final ConnectionRegistry registry;
    private final AtomicReference<ConnectionManager> local = new AtomicReference<>();
    private final String broadcastChannel;

    public ClusterConnectionDirectory(ClusterNode node) {
        this.node = Objects.requireNonNull(node, "node");
        this.registry = new ConnectionRegistry(node);
        this.broadcastChannel = node.config().key("routing:broadcast");
    }

    @Override
    public void attach(ConnectionManager manager) {
        if (!local.compareAndSet(null, Objects.requireNonNull(manager, "manager"))) {
            throw new IllegalStateException("a ClusterConnectionDirectory serves one WebSocketApi; build one per API");
        }
        node.bus().subscribe(node.config().key("node:" + node.nodeId()), (channel, payload) -> deliver(payload)).join();
        node.bus().subscribe(broadcastChannel, (channel, payload) -> deliverBroadcast(payload)).join();
    }

    @Override
    public void opened(ConnectionInfo info) {
        registry.register(info.connectionId(), Map.of("connectedAt", info.connectedAt().toString(),
                "lastActiveAt", info.lastActiveAt().toString(), "sourceIp", info.sourceIp(),
                "userAgent", info.userAgent()));
    }

    @Override
    public void active(String connectionId, Instant at) {
        registry.update(connectionId, "lastActiveAt", at.toString());
    }

    @Override
    public void closed(String connectionId) {
        registry.unregister(connectionId);
    }

    @Override
    public Optional<ConnectionInfo> info(String connectionId) {
        return remote(connectionId).map(entry -> new ConnectionInfo(connectionId,
                Instant.parse(entry.fields().get("connectedAt")), Instant.parse(entry.fields().get("lastActiveAt")),
                entry.fields().getOrDefault("sourceIp", ""), entry.fields().getOrDefault("userAgent", "")));
    }

    @Override
    public boolean post(String connectionId, String text) {
        return request(connectionId, "text", text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean post(String connectionId, ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return request(connectionId, "binary", bytes);
    }

    @Override
    public boolean disconnect(String connectionId) {
        return request(connectionId, "close", new byte[0]);
    }

    @Override
    public void broadcast(String text) {
        node.bus().publish(broadcastChannel, envelope(node.nodeId(), "broadcast", text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The registry entry of a connection held by another, live node. */
    private Optional<ConnectionRegistry.Entry> remote(String connectionId) {
        return registry.locate(connectionId).filter(entry -> !entry.nodeId().equals(node.nodeId()));
    }

    private boolean request(String connectionId, String op, byte[] body) {
        // BEGIN SOLUTION lab=17 task="find the connection's node in the registry, publish the request on that node's channel, and answer false (410) when no node holds it or nobody listens on that channel any more"
        Optional<ConnectionRegistry.Entry> entry = remote(connectionId);
        if (entry.isEmpty()) {
            return false;
        }
        long receivers = node.bus().publish(node.config().key("node:" + entry.get().nodeId()),
                envelope(connectionId, op, body));
        if (receivers == 0) {
            // Its node is not subscribed any more: dead before its entry expired. Gone everywhere.
            registry.forget(connectionId);
            return false;
        }
        return true;
        // END SOLUTION
    }

    private static byte[] envelope(String id, String op, byte[] body) {
        ObjectNode header = JSON.createObjectNode().put("op", op).put("id", id);
        byte[] head = (header.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        return message;
    }

    private void deliver(byte[] payload) {
        ConnectionManager manager = local.get();
        int newline = indexOfNewline(payload);
        if (manager == null || newline < 0) {
            return;
        }
        try {
            JsonNode header = JSON.readTree(new String(payload, 0, newline, StandardCharsets.UTF_8));
            String id = header.path("id").asText();
            byte[] body = Arrays.copyOfRange(payload, newline + 1, payload.length);
            boolean done = switch (header.path("op").asText()) {
                case "text" -> manager.post(id, new String(body, StandardCharsets.UTF_8));
                case "binary" -> manager.post(id, ByteBuffer.wrap(body));
                case "close" -> manager.disconnect(id);
                default -> false;
            };
            if (!done) {
                LOG.log(Level.DEBUG, "remote request for {0} arrived after it closed", id);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignored a malformed cluster request: " + e.getMessage());
        }
    }

    private void deliverBroadcast(byte[] payload) {
        ConnectionManager manager = local.get();
        int newline = indexOfNewline(payload);
        if (manager == null || newline < 0) {
            return;
        }
        try {
            JsonNode header = JSON.readTree(new String(payload, 0, newline, StandardCharsets.UTF_8));
            if (!header.path("id").asText().equals(node.nodeId())) { // the sender delivered its own already
                manager.broadcastHere(new String(payload, newline + 1, payload.length - newline - 1, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignored a malformed cluster broadcast: " + e.getMessage());
        }
    }

    private static int indexOfNewline(byte[] payload) {
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
