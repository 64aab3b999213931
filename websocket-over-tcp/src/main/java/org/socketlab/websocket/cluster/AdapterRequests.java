package org.socketlab.websocket.cluster;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Protocol;

/**
 * The Redis adapter's request/response exchange, from the asking side: publish a JSON request on
 * the request channel, count the servers subscribed to it ({@code PUBSUB NUMSUB}, ourselves
 * included), and complete once every other server answered on the response channel, or fail
 * after the adapter's default request timeout of 5 s. Thread-safe.
 */
final class AdapterRequests {

    private static final long TIMEOUT_SECONDS = 5;

    private record Pending(Set<String> collected, String field, AtomicInteger awaited, CompletableFuture<Set<String>> done) {
    }

    private final ClusterNode node;
    private final String uid;
    private final String requestChannel;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    AdapterRequests(ClusterNode node, String uid, String requestChannel) {
        this.node = node;
        this.uid = uid;
        this.requestChannel = requestChannel;
    }

    /** Asks every other server; the answer is {@code local} plus the strings in each response's {@code field}. */
    CompletableFuture<Set<String>> ask(int type, ObjectNode request, Set<String> local, String field) {
        long servers = subscribers();
        Set<String> collected = ConcurrentHashMap.newKeySet();
        collected.addAll(local);
        if (servers <= 1) {
            return CompletableFuture.completedFuture(Set.copyOf(collected));
        }
        String requestId = UUID.randomUUID().toString().substring(0, 6);
        CompletableFuture<Set<String>> done = new CompletableFuture<>();
        pending.put(requestId, new Pending(collected, field, new AtomicInteger((int) servers - 1), done));
        request.put("uid", uid).put("requestId", requestId).put("type", type);
        node.bus().publish(requestChannel, request.toString());
        return done.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((result, error) -> pending.remove(requestId));
    }

    /** {@code PUBSUB NUMSUB <request channel>}: how many servers of the namespace listen (the adapter's serverCount). */
    private long subscribers() {
        Object reply = node.redis().sendCommand(Protocol.Command.PUBSUB, "NUMSUB", requestChannel);
        return reply instanceof java.util.List<?> list && list.size() == 2 && list.get(1) instanceof Long count ? count : 0;
    }

    void onResponse(byte[] payload) {
        JsonNode response = payload.length > 0 && payload[0] == '{'
                ? json(new String(payload, StandardCharsets.UTF_8)) : Msgpack.decode(payload);
        if (response == null) {
            return;
        }
        Pending request = pending.get(response.path("requestId").asText());
        if (request == null || !response.path(request.field()).isArray()) {
            return; // another server's request, or not the answer we wait for
        }
        response.path(request.field()).forEach(value -> request.collected().add(value.asText()));
        if (request.awaited().decrementAndGet() == 0) {
            request.done().complete(Set.copyOf(request.collected()));
        }
    }

    static JsonNode json(String text) {
        try {
            return SocketIoRedisAdapter.JSON.readTree(text);
        } catch (JacksonException malformed) {
            return null;
        }
    }
}
