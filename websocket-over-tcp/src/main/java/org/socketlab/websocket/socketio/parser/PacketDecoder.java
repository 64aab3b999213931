package org.socketlab.websocket.socketio.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes Socket.IO v5 packets from one connection's Engine.IO messages. Text messages are
 * packets; a BINARY_EVENT/BINARY_ACK announces how many binary messages follow, and the packet
 * is returned once the last one arrived, its placeholders replaced by the bytes.
 *
 * <p>Not thread-safe: one decoder per connection, fed in arrival order.
 */
public final class PacketDecoder {

    private final int maxAttachments;
    private SocketIoPacket pending;
    private int expected;
    private final List<byte[]> attachments = new ArrayList<>();

    /** @param maxAttachments the most attachments one packet may announce */
    public PacketDecoder(int maxAttachments) {
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments must be >= 0, got " + maxAttachments);
        }
        this.maxAttachments = maxAttachments;
    }

    /** A text message: the packet, or null when it waits for attachments. */
    public SocketIoPacket add(String text) throws SocketIoProtocolException {
        if (pending != null) {
            throw new SocketIoProtocolException("got a text packet while " + (expected - attachments.size())
                    + " binary attachment(s) were still due (Socket.IO v5, binary attachments)");
        }
        PacketReader reader = new PacketReader(text);
        PacketType type = PacketType.fromCode(reader.next());
        int count = type.isBinary() ? reader.attachmentCount(maxAttachments) : 0;
        String namespace = reader.namespace();
        long ackId = reader.ackId();
        Object data = type == PacketType.CONNECT ? reader.connectPayload() : reader.json();
        check(type, data);
        SocketIoPacket packet = new SocketIoPacket(type, namespace, ackId, data);
        if (count == 0) {
            return type.isBinary() ? withAttachments(packet) : packet;
        }
        pending = packet;
        expected = count;
        return null;
    }

    /** A binary message: the completed packet after its last attachment, else null. */
    public SocketIoPacket add(byte[] binary) throws SocketIoProtocolException {
        if (pending == null) {
            throw new SocketIoProtocolException("got a binary message but no BINARY_EVENT/BINARY_ACK announced it"
                    + " (Socket.IO v5, binary attachments)");
        }
        attachments.add(binary);
        if (attachments.size() < expected) {
            return null;
        }
        SocketIoPacket complete = withAttachments(pending);
        pending = null;
        attachments.clear();
        return complete;
    }

    private SocketIoPacket withAttachments(SocketIoPacket packet) throws SocketIoProtocolException {
        Object data = Binaries.reconstruct(packet.data(), List.copyOf(attachments));
        return new SocketIoPacket(packet.type(), packet.namespace(), packet.ackId(), data);
    }

    /** Socket.IO v5: the shape each packet type's payload must have. */
    private static void check(PacketType type, Object data) throws SocketIoProtocolException {
        boolean valid = switch (type) {
            case CONNECT -> data == SocketIoPacket.NO_DATA || data instanceof Map;
            case DISCONNECT -> data == SocketIoPacket.NO_DATA;
            case CONNECT_ERROR -> data instanceof Map || data instanceof String;
            case EVENT, BINARY_EVENT -> data instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String;
            case ACK, BINARY_ACK -> data instanceof List;
        };
        if (!valid) {
            throw new SocketIoProtocolException(type + " payload is " + describe(data) + "; it must be "
                    + expectation(type) + " (Socket.IO v5, packet format)");
        }
    }

    private static String expectation(PacketType type) {
        return switch (type) {
            case CONNECT -> "absent or an object";
            case DISCONNECT -> "absent";
            case CONNECT_ERROR -> "an object or a string";
            case EVENT, BINARY_EVENT -> "an array starting with the event name";
            case ACK, BINARY_ACK -> "an array";
        };
    }

    private static String describe(Object data) {
        if (data == SocketIoPacket.NO_DATA) {
            return "absent";
        }
        String json = Json.write(data);
        return json.length() > 60 ? json.substring(0, 60) + "…" : json;
    }
}
