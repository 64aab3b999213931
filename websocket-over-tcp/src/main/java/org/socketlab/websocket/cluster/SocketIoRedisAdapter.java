package org.socketlab.websocket.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.socketlab.websocket.socketio.BroadcastOperator;
import org.socketlab.websocket.socketio.Namespace;
import org.socketlab.websocket.socketio.NamespaceAdapter;
import org.socketlab.websocket.socketio.SocketIoSocket;

/**
 * One namespace in a Socket.IO cluster, wire-compatible with the official
 * {@code @socket.io/redis-adapter} 8.x ({@code dist/index.js}), so Node servers using it and
 * this server share rooms and broadcasts:
 * <pre>
 * socket.io#&lt;nsp&gt;#            broadcasts to the whole namespace or to several rooms
 * socket.io#&lt;nsp&gt;#&lt;room&gt;#    broadcasts to exactly one room
 *     message = msgpack [uid, {type:2, data:[event, ...args], nsp}, {rooms:[], except:[], flags:{}}]
 * socket.io-request#&lt;nsp&gt;#    requests (JSON or msgpack): 0 SOCKETS, 1 ALL_ROOMS, 2 REMOTE_JOIN,
 *                               3 REMOTE_LEAVE, 4 REMOTE_DISCONNECT, 5 REMOTE_FETCH, 7 BROADCAST
 * socket.io-response#&lt;nsp&gt;#   responses, JSON {requestId, ...}
 * </pre>
 * Not supported: server-side emit (type 6, ignored: a Node {@code serverSideEmit} with an ack
 * times out) and client acknowledgements of cluster broadcasts (type 7 is delivered without ack
 * and answered with a client count of 0). Thread-safe.
 */
public final class SocketIoRedisAdapter implements NamespaceAdapter {

    private static final Logger LOG = System.getLogger(SocketIoRedisAdapter.class.getName());
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENT = 2;
    private static final int BINARY_EVENT = 5;

    private final ClusterNode node;
    private final Namespace namespace;
    private final String uid = randomUid();
    private final String channel;
    private final String requestChannel;
    private final String responseChannel;
    private final AdapterRequests requests;

    private SocketIoRedisAdapter(ClusterNode node, Namespace namespace, String key) {
        this.node = node;
        this.namespace = namespace;
        this.channel = key + "#" + namespace.name() + "#";
        this.requestChannel = key + "-request#" + namespace.name() + "#";
        this.responseChannel = key + "-response#" + namespace.name() + "#";
        this.requests = new AdapterRequests(node, uid, requestChannel);
    }

    /** Joins {@code namespace} to the cluster under the adapter's default key {@code socket.io}. */
    public static SocketIoRedisAdapter attach(ClusterNode node, Namespace namespace) {
        return attach(node, namespace, "socket.io");
    }

    /** Same, with the key prefix a Node server passes as {@code createAdapter(pub, sub, {key})}. */
    public static SocketIoRedisAdapter attach(ClusterNode node, Namespace namespace, String key) {
        SocketIoRedisAdapter adapter = new SocketIoRedisAdapter(Objects.requireNonNull(node, "node"),
                Objects.requireNonNull(namespace, "namespace"), Objects.requireNonNull(key, "key"));
        RedisBus bus = node.bus();
        CompletableFuture.allOf(
                bus.psubscribe(adapter.channel + "*", (name, payload) -> adapter.onBroadcast(payload)),
                bus.subscribe(adapter.requestChannel, (name, payload) -> adapter.onRequest(payload)),
                bus.subscribe(adapter.responseChannel, (name, payload) -> adapter.requests.onResponse(payload)),
                bus.subscribe(adapter.responseChannel + adapter.uid + "#",
                        (name, payload) -> adapter.requests.onResponse(payload))).join();
        namespace.adapter(adapter);
        return adapter;
    }

    /** This adapter's uid: other servers ignore their own messages by it. */
    public String uid() {
        return uid;
    }

    @Override
    public void broadcast(Namespace from, Set<String> rooms, Set<String> except, String event, Object[] args) {
        ArrayNode data = JSON.createArrayNode().add(event);
        for (Object arg : args) {
            data.add(JSON.valueToTree(arg));
        }
        ObjectNode packet = JSON.createObjectNode().put("type", EVENT);
        packet.set("data", data);
        packet.put("nsp", namespace.name());
        ObjectNode opts = JSON.createObjectNode();
        rooms.forEach(opts.putArray("rooms")::add);
        if (!opts.has("rooms")) {
            opts.putArray("rooms");
        }
        ArrayNode exceptArray = opts.putArray("except");
        except.forEach(exceptArray::add);
        opts.putObject("flags");
        ArrayNode message = JSON.createArrayNode().add(uid);
        message.add(packet);
        message.add(opts);
        String target = rooms.size() == 1 ? channel + rooms.iterator().next() + "#" : channel;
        node.bus().publish(target, Msgpack.encode(message));
    }

    /** A broadcast from another server: to this server's matching sockets. */
    private void onBroadcast(byte[] payload) {
        JsonNode message = Msgpack.decode(payload);
        if (!message.isArray() || message.size() < 3 || uid.equals(message.get(0).asText())) {
            return; // malformed, or our own (Redis delivers it back to us too)
        }
        JsonNode packet = message.get(1);
        String packetNamespace = packet.path("nsp").isMissingNode() ? "/" : packet.path("nsp").asText();
        if (!packetNamespace.equals(namespace.name())) {
            return;
        }
        deliverLocally(packet, message.get(2));
    }

    /** Delivers an event packet to this server's sockets in {@code opts.rooms} minus {@code opts.except}. */
    int deliverLocally(JsonNode packet, JsonNode opts) {
        int type = packet.path("type").asInt();
        JsonNode data = packet.path("data");
        if ((type != EVENT && type != BINARY_EVENT) || !data.isArray() || data.isEmpty()) {
            LOG.log(Level.DEBUG, "ignored a cluster packet of type {0}", type);
            return 0;
        }
        BroadcastOperator operator = namespace.local();
        for (String room : strings(opts.path("rooms"))) {
            operator = operator.to(room);
        }
        for (String room : strings(opts.path("except"))) {
            operator = operator.except(room);
        }
        List<Object> args = new ArrayList<>();
        for (int i = 1; i < data.size(); i++) {
            JsonNode arg = data.get(i);
            args.add(arg.isBinary() ? Msgpack.binary(arg) : arg);
        }
        return operator.emit(data.get(0).asText(), args.toArray());
    }

    private void onRequest(byte[] payload) {
        JsonNode request = payload.length > 0 && payload[0] == '{'
                ? AdapterRequests.json(new String(payload, StandardCharsets.UTF_8)) : Msgpack.decode(payload);
        if (request == null || uid.equals(request.path("uid").asText())) {
            return;
        }
        String requestId = request.path("requestId").asText();
        JsonNode opts = request.path("opts");
        switch (request.path("type").asInt(-1)) {
            case 0 -> respond(JSON.createObjectNode().put("requestId", requestId)
                    .set("sockets", ids(matching(request.path("rooms"), JSON.createArrayNode()))));
            case 1 -> respond(JSON.createObjectNode().put("requestId", requestId)
                    .set("rooms", JSON.valueToTree(namespace.rooms())));
            case 2 -> remoteRooms(request, opts, true);
            case 3 -> remoteRooms(request, opts, false);
            case 4 -> remoteDisconnect(request, opts);
            case 5 -> respond(JSON.createObjectNode().put("requestId", requestId)
                    .set("sockets", fetched(matching(opts.path("rooms"), opts.path("except")))));
            case 7 -> {
                deliverLocally(request.path("packet"), opts);
                respond(JSON.createObjectNode().put("type", 8).put("requestId", requestId).put("clientCount", 0));
            }
            default -> LOG.log(Level.DEBUG, "ignored adapter request {0}", request);
        }
    }

    private void remoteRooms(JsonNode request, JsonNode opts, boolean join) {
        Set<SocketIoSocket> targets = request.has("opts") ? matching(opts.path("rooms"), opts.path("except"))
                : single(request.path("sid").asText());
        List<String> rooms = request.has("opts") ? strings(request.path("rooms")) : List.of(request.path("room").asText());
        targets.forEach(socket -> rooms.forEach(room -> {
            if (join) {
                socket.join(room);
            } else {
                socket.leave(room);
            }
        }));
        if (!request.has("opts") && !targets.isEmpty()) {
            respond(JSON.createObjectNode().put("requestId", request.path("requestId").asText()));
        }
    }

    private void remoteDisconnect(JsonNode request, JsonNode opts) {
        Set<SocketIoSocket> targets = request.has("opts") ? matching(opts.path("rooms"), opts.path("except"))
                : single(request.path("sid").asText());
        targets.forEach(socket -> socket.disconnect(request.path("close").asBoolean(false)));
        if (!request.has("opts") && !targets.isEmpty()) {
            respond(JSON.createObjectNode().put("requestId", request.path("requestId").asText()));
        }
    }

    private Set<SocketIoSocket> single(String socketId) {
        SocketIoSocket socket = namespace.socket(socketId);
        return socket == null ? Set.of() : Set.of(socket);
    }

    /** This server's sockets in any of {@code rooms} (all when empty) and in none of {@code except}. */
    private Set<SocketIoSocket> matching(JsonNode rooms, JsonNode except) {
        BroadcastOperator operator = namespace.local();
        for (String room : strings(rooms)) {
            operator = operator.to(room);
        }
        for (String room : strings(except)) {
            operator = operator.except(room);
        }
        return operator.targets();
    }

    private static ArrayNode ids(Set<SocketIoSocket> sockets) {
        ArrayNode ids = JSON.createArrayNode();
        sockets.forEach(socket -> ids.add(socket.id()));
        return ids;
    }

    private static ArrayNode fetched(Set<SocketIoSocket> sockets) {
        ArrayNode array = JSON.createArrayNode();
        for (SocketIoSocket socket : sockets) {
            ObjectNode entry = array.addObject().put("id", socket.id());
            entry.putObject("handshake").set("auth", JSON.valueToTree(socket.auth()));
            entry.set("rooms", JSON.valueToTree(socket.rooms()));
            entry.putObject("data");
        }
        return array;
    }

    private void respond(ObjectNode response) {
        node.bus().publish(responseChannel, response.toString());
    }

    /** Every room that has members on any server of the namespace (Socket.IO's {@code adapter.allRooms()}). */
    public CompletableFuture<Set<String>> allRooms() {
        return requests.ask(1, JSON.createObjectNode(), new LinkedHashSet<>(namespace.rooms()), "rooms");
    }

    /** The ids of the sockets in any of {@code rooms} (all when empty) on every server. */
    public CompletableFuture<Set<String>> socketIds(Set<String> rooms) {
        Set<String> local = new HashSet<>();
        matching(JSON.valueToTree(rooms), JSON.createArrayNode()).forEach(s -> local.add(s.id()));
        return requests.ask(0, JSON.createObjectNode().set("rooms", JSON.valueToTree(rooms)), local, "sockets");
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Like uid2(6): six random URL-safe characters. */
    private static String randomUid() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder uid = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            uid.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return uid.toString();
    }
}
