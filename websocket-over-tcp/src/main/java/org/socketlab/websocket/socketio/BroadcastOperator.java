package org.socketlab.websocket.socketio;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.socketlab.websocket.socketio.parser.PacketEncoder;

/**
 * A broadcast in preparation: {@code namespace.to("room1").to("room2").except("room3").emit(...)}.
 * With no room it reaches every socket of the namespace. Immutable: each call returns a new
 * operator. The packet is encoded once and queued to each target without waiting for any of them.
 */
public final class BroadcastOperator {

    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> exceptRooms;
    private final boolean localOnly;

    BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> exceptRooms, boolean localOnly) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.exceptRooms = Set.copyOf(exceptRooms);
        this.localOnly = localOnly;
    }

    /** Also targets {@code room} (a union with the rooms already named). */
    public BroadcastOperator to(String room) {
        Set<String> more = new LinkedHashSet<>(rooms);
        more.add(room);
        return new BroadcastOperator(namespace, more, exceptRooms, localOnly);
    }

    /** Leaves out the sockets in {@code room} (a socket's id is also a room holding just it). */
    public BroadcastOperator except(String room) {
        Set<String> more = new LinkedHashSet<>(exceptRooms);
        more.add(room);
        return new BroadcastOperator(namespace, rooms, more, localOnly);
    }

    /** This server's sockets only: not forwarded by the namespace's {@link NamespaceAdapter}. */
    public BroadcastOperator local() {
        return new BroadcastOperator(namespace, rooms, exceptRooms, true);
    }

    /**
     * Emits {@code event} to every target (no acknowledgements in broadcasts), then hands it to
     * the namespace's {@link NamespaceAdapter} for the other servers unless {@link #local()}.
     *
     * @return how many of this server's sockets it was queued to
     */
    public int emit(String event, Object... args) {
        SocketIoSocket.requireEmittable(event);
        PacketEncoder.Encoded encoded = PacketEncoder.encode(SocketIoSocket.eventPacket(namespace.name(), event,
                args, org.socketlab.websocket.socketio.parser.SocketIoPacket.NO_ACK));
        int sent = 0;
        for (SocketIoSocket socket : targets()) {
            if (socket.sendEncoded(encoded)) {
                sent++;
            }
        }
        if (!localOnly) {
            namespace.adapter().broadcast(namespace, rooms, exceptRooms, event, args);
        }
        return sent;
    }

    /** The sockets this broadcast reaches now. */
    public Set<SocketIoSocket> targets() {
        // BEGIN SOLUTION lab=13 task="the sockets a broadcast reaches: the whole namespace or the members of its rooms, minus the members of the except rooms"
        Set<SocketIoSocket> targets = rooms.isEmpty()
                ? new HashSet<>(namespace.sockets())
                : new HashSet<>(namespace.membersOf(rooms));
        if (!exceptRooms.isEmpty()) {
            targets.removeAll(namespace.membersOf(exceptRooms));
        }
        return targets;
        // END SOLUTION
    }
}
