package org.socketlab.websocket.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.chat.ChatBackend;
import org.socketlab.websocket.chat.ChatCodec;
import org.socketlab.websocket.chat.ChatLimits;
import org.socketlab.websocket.chat.ChatMessage;
import org.socketlab.websocket.chat.ChatRejection;
import org.socketlab.websocket.chat.ConnectedSessions;

/**
 * Chat rooms shared by every node: members of a room on different nodes see one presence list,
 * one history and every message in one order ({@link ChatStore} numbers, stores and publishes
 * each message atomically). Each node delivers the room's events to its own members only.
 *
 * <p>A member who joins gets the history and then every later message, none missed and none
 * twice: the join reads the room's last id and history together and ignores live messages up
 * to that id, under the same lock the relay holds. A node that dies stops refreshing its
 * members; the next heartbeat of any node removes them after the TTL and publishes the new
 * presence. The {@code maxRooms} limit is per node (rooms are never evicted from Redis).
 *
 * <p>Thread-safe.
 */
public final class ClusterChatRooms implements ChatBackend {

    private final ClusterNode node;
    private final ChatLimits limits;
    private final ChatStore store;
    private final ConnectedSessions connected = new ConnectedSessions();
    private final Map<Session, Membership> memberships = new ConcurrentHashMap<>();
    private final Map<String, LocalRoom> localRooms = new ConcurrentHashMap<>();

    private record Membership(String room, String nick) {
    }

    /** This node's members of one room; its lock orders joins against the relay. */
    private static final class LocalRoom {
        final Map<Session, Long> deliveredUpTo = new ConcurrentHashMap<>();
    }

    public ClusterChatRooms(ClusterNode node, ChatLimits limits) {
        this.node = Objects.requireNonNull(node, "node");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.store = new ChatStore(node.redis(), node.config().keyPrefix());
        node.bus().psubscribe(store.roomChannelPattern(), this::relay).join();
        node.bus().subscribe(store.roomsChangedChannel(), (channel, payload) -> sendRoomsToAll()).join();
        node.onHeartbeat(this::heartbeat);
    }

    @Override
    public void connected(Session session) {
        connected.add(session, memberCounts());
    }

    @Override
    public void disconnected(Session session) {
        connected.remove(session);
        try {
            leave(session);
        } catch (RuntimeException redisUnreachable) {
            // Without this node's heartbeat its members expire after the TTL; the others publish that.
            memberships.remove(session);
        }
    }

    @Override
    public String join(Session session, String room, String wantedNick) throws ChatRejection {
        leave(session);
        long now = System.currentTimeMillis();
        store.pruneExpired(room, now);
        if (store.memberCount(room, now) >= limits.maxRoomMembers()) {
            throw ChatRejection.roomFull(room, limits.maxRoomMembers());
        }
        String nick = claimUniqueNick(room, wantedNick, now + node.config().ttl().toMillis());
        store.addRoom(room);
        LocalRoom local = localRooms.computeIfAbsent(room, name -> new LocalRoom());
        synchronized (local) {
            ChatStore.Snapshot snapshot = store.snapshot(room);
            local.deliveredUpTo.put(session, snapshot.lastId());
            memberships.put(session, new Membership(room, nick));
            send(session, ChatCodec.welcome(nick, room));
            send(session, ChatCodec.history(room, messages(snapshot.historyEvents())));
        }
        store.publish(room, "presence", "-", ChatCodec.presence(room, store.nicks(room, now), nick, null));
        store.publishRoomsChanged();
        return nick;
    }

    private String claimUniqueNick(String room, String wanted, long expiresAt) {
        String nick = wanted;
        for (int suffix = 2; !store.claimNick(room, nick, expiresAt); suffix++) {
            nick = wanted + "-" + suffix;
        }
        return nick;
    }

    @Override
    public boolean leave(Session session) {
        Membership membership = memberships.remove(session);
        if (membership == null) {
            return false;
        }
        LocalRoom local = localRooms.get(membership.room());
        if (local != null) {
            local.deliveredUpTo.remove(session);
        }
        store.release(membership.room(), membership.nick());
        store.publish(membership.room(), "presence", "-", ChatCodec.presence(membership.room(),
                store.nicks(membership.room(), System.currentTimeMillis()), null, membership.nick()));
        store.publishRoomsChanged();
        return true;
    }

    @Override
    public boolean isJoined(Session session) {
        return memberships.containsKey(session);
    }

    @Override
    public void say(Session session, String text, long timeMillis) throws ChatRejection {
        Membership membership = memberships.get(session);
        if (membership == null) {
            throw ChatRejection.notJoined();
        }
        // The event with id 0, split around the id the Lua script assigns.
        String event = ChatCodec.message(new ChatMessage(0, membership.room(), membership.nick(), text, timeMillis));
        int at = event.indexOf("\"id\":0,") + "\"id\":".length();
        store.say(membership.room(), event.substring(0, at), event.substring(at + 1), limits.historySize());
    }

    @Override
    public void typing(Session session) {
        Membership membership = memberships.get(session);
        if (membership != null) {
            store.publish(membership.room(), "typing", memberKey(session),
                    ChatCodec.typing(membership.room(), membership.nick()));
        }
    }

    @Override
    public Map<String, Integer> memberCounts() {
        return store.memberCounts(System.currentTimeMillis());
    }

    /** One event from any node for one room: to this node's members of it. */
    private void relay(String channel, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String[] header = text.substring(0, newline).split(" ");
        String event = text.substring(newline + 1);
        long id = Long.parseLong(header[1]);
        LocalRoom local = localRooms.get(store.roomOfChannel(channel));
        if (local == null) {
            return;
        }
        synchronized (local) {
            local.deliveredUpTo.forEach((member, upTo) -> {
                if (header[0].equals("message") && id <= upTo) {
                    return; // already in the history this member received when it joined
                }
                if (!header[2].equals(memberKey(member))) {
                    send(member, event);
                }
            });
        }
    }

    private void heartbeat() {
        long now = System.currentTimeMillis();
        long expiresAt = now + node.config().ttl().toMillis();
        memberships.values().forEach(m -> store.refresh(m.room(), m.nick(), expiresAt));
        boolean changed = false;
        for (String room : store.rooms()) {
            List<String> expired = store.pruneExpired(room, now);
            for (String nick : expired) {
                store.publish(room, "presence", "-", ChatCodec.presence(room, store.nicks(room, now), null, nick));
                changed = true;
            }
        }
        if (changed) {
            store.publishRoomsChanged();
        }
    }

    private void sendRoomsToAll() {
        connected.sendRooms(memberCounts());
    }

    private static List<ChatMessage> messages(List<String> events) {
        List<ChatMessage> messages = new ArrayList<>(events.size());
        for (String event : events) {
            JsonNode json = ChatCodec.parse(event);
            messages.add(new ChatMessage(json.path("id").asLong(), json.path("room").asText(), json.path("nick").asText(),
                    json.path("text").asText(), json.path("time").asLong()));
        }
        return messages;
    }

    private String memberKey(Session session) {
        return node.nodeId() + "/" + session.id();
    }

    private static void send(Session session, String event) {
        ConnectedSessions.send(session, event);
    }
}
