package org.socketlab.websocket.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ZAddParams;

/**
 * The chat's shared state in Redis, under {@code <prefix>chat:}:
 * <pre>
 * rooms                  SET   room names ever joined
 * room:&lt;r&gt;:members      ZSET  nick → expiry (ms since the epoch), refreshed by its node's heartbeat
 * room:&lt;r&gt;:seq          STR   the room's last message id
 * room:&lt;r&gt;:history      LIST  the last messages, as their "message" events
 * channel room:&lt;r&gt;      "kind id exclude\n" + event JSON   (kind = message | presence | typing)
 * channel rooms-changed  (empty): every node re-sends the rooms list to its sessions
 * </pre>
 * A message is numbered, stored and published by ONE Lua script, which Redis runs atomically:
 * so the id order, the history order and the order every node receives them are the same.
 *
 * <p>Thread-safe (every call borrows a pooled connection).
 */
final class ChatStore {

    /** INCR seq; event = prefix..id..suffix; RPUSH + LTRIM history; PUBLISH; return id. */
    private static final String SAY_SCRIPT = """
            local id = redis.call('INCR', KEYS[1])
            local event = ARGV[1] .. id .. ARGV[2]
            local keep = tonumber(ARGV[4])
            if keep > 0 then
              redis.call('RPUSH', KEYS[2], event)
              redis.call('LTRIM', KEYS[2], -keep, -1)
            end
            redis.call('PUBLISH', ARGV[3], 'message ' .. id .. ' -\\n' .. event)
            return id
            """;

    private final JedisPooled redis;
    private final String prefix;

    ChatStore(JedisPooled redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix + "chat:";
    }

    String roomChannel(String room) {
        return prefix + "room:" + room;
    }

    String roomChannelPattern() {
        return prefix + "room:*";
    }

    String roomsChangedChannel() {
        return prefix + "rooms-changed";
    }

    /** The room name of a channel from {@link #roomChannelPattern()}. */
    String roomOfChannel(String channel) {
        return channel.substring((prefix + "room:").length());
    }

    /** Claims {@code nick} in {@code room} until {@code expiresAt}; false when a live member has it. */
    boolean claimNick(String room, String nick, long expiresAt) {
        return redis.zadd(members(room), expiresAt, nick, ZAddParams.zAddParams().nx()) == 1;
    }

    void refresh(String room, String nick, long expiresAt) {
        redis.zadd(members(room), expiresAt, nick, ZAddParams.zAddParams().xx());
    }

    void release(String room, String nick) {
        redis.zrem(members(room), nick);
    }

    /** Removes members whose node stopped beating; returns their nicks. */
    List<String> pruneExpired(String room, long now) {
        List<String> expired = redis.zrangeByScore(members(room), Double.NEGATIVE_INFINITY, now);
        if (!expired.isEmpty()) {
            redis.zrem(members(room), expired.toArray(String[]::new));
        }
        return expired;
    }

    /** The live members' nicks, in the order they joined. */
    List<String> nicks(String room, long now) {
        return new ArrayList<>(redis.zrangeByScore(members(room), now, Double.POSITIVE_INFINITY));
    }

    long memberCount(String room, long now) {
        return redis.zcount(members(room), now, Double.POSITIVE_INFINITY);
    }

    void addRoom(String room) {
        redis.sadd(prefix + "rooms", room);
    }

    /** Room → live member count, rooms with members only, sorted by name. */
    Map<String, Integer> memberCounts(long now) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String room : redis.smembers(prefix + "rooms")) {
            long count = memberCount(room, now);
            if (count > 0) {
                counts.put(room, (int) count);
            }
        }
        return counts;
    }

    java.util.Set<String> rooms() {
        return redis.smembers(prefix + "rooms");
    }

    /**
     * The room's last message id and its history, read in one MULTI/EXEC so that no message is
     * numbered between the two reads.
     */
    Snapshot snapshot(String room) {
        try (var transaction = redis.multi()) {
            var seq = transaction.get(prefix + "room:" + room + ":seq");
            var history = transaction.lrange(prefix + "room:" + room + ":history", 0, -1);
            transaction.exec();
            String last = seq.get();
            return new Snapshot(last == null ? 0 : Long.parseLong(last), history.get());
        }
    }

    record Snapshot(long lastId, List<String> historyEvents) {
    }

    /** Numbers, stores and publishes one message event split around its id; returns the id. */
    long say(String room, String eventBeforeId, String eventAfterId, int historySize) {
        Object id = redis.eval(SAY_SCRIPT, List.of(prefix + "room:" + room + ":seq", prefix + "room:" + room + ":history"),
                List.of(eventBeforeId, eventAfterId, roomChannel(room), Integer.toString(historySize)));
        return (Long) id;
    }

    void publish(String room, String kind, String exclude, String event) {
        redis.publish(roomChannel(room), kind + " 0 " + exclude + "\n" + event);
    }

    void publishRoomsChanged() {
        redis.publish(roomsChangedChannel(), "");
    }

    private String members(String room) {
        return prefix + "room:" + room + ":members";
    }
}
