package org.socketlab.websocket.socketio.parser;

import java.util.Objects;

/**
 * One Socket.IO v5 packet, decoded: {@code <type>[<attachments>-][<nsp>,][<ackId>][JSON]}.
 *
 * <p>{@code data} is a JSON tree of plain Java values — {@code Map<String,Object>},
 * {@code List<Object>}, {@code String}, {@code Integer}/{@code Long}/{@code BigInteger},
 * {@code Double}, {@code Boolean}, {@code null} — with binary attachments already put back in
 * place as {@code byte[]}. {@link #NO_DATA} marks a packet without a JSON part.
 *
 * @param type      the packet type; the encoder picks BINARY_EVENT/BINARY_ACK by itself
 * @param namespace {@code "/"} or e.g. {@code "/chat"}
 * @param ackId     the acknowledgement id, or {@link #NO_ACK}
 * @param data      the payload, or {@link #NO_DATA}
 */
public record SocketIoPacket(PacketType type, String namespace, long ackId, Object data) {

    public static final long NO_ACK = -1;
    /** Stands for "no JSON at all" (distinct from JSON {@code null}). */
    public static final Object NO_DATA = new Object() {
        @Override
        public String toString() {
            return "NO_DATA";
        }
    };

    public SocketIoPacket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        if (!namespace.startsWith("/")) {
            throw new IllegalArgumentException("namespace must start with '/', got \"" + namespace + "\"");
        }
        if (ackId < NO_ACK) {
            throw new IllegalArgumentException("ackId must be >= 0 (or NO_ACK), got " + ackId);
        }
    }

    public boolean hasAck() {
        return ackId != NO_ACK;
    }

    public boolean hasData() {
        return data != NO_DATA;
    }
}
