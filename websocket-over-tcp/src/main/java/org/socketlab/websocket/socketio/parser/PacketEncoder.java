package org.socketlab.websocket.socketio.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@link SocketIoPacket}: {@code <type>[<attachments>-][<nsp>,][<ackId>][JSON]}.
 * An EVENT or ACK whose data holds binaries becomes BINARY_EVENT/BINARY_ACK, its binaries
 * replaced by placeholders and returned as attachments to send right after it (each its own
 * Engine.IO binary message). Stateless and thread-safe.
 */
public final class PacketEncoder {

    private PacketEncoder() {
    }

    /** The encoded packet: the text first, then the attachments in order. */
    public static Encoded encode(SocketIoPacket packet) {
        PacketType type = packet.type();
        Object data = packet.data();
        List<byte[]> attachments = new ArrayList<>();
        if (packet.hasData() && Binaries.hasBinary(data)) {
            type = switch (type) {
                case EVENT, BINARY_EVENT -> PacketType.BINARY_EVENT;
                case ACK, BINARY_ACK -> PacketType.BINARY_ACK;
                default -> throw new IllegalArgumentException(type + " packets cannot carry binary data (Socket.IO v5)");
            };
            data = Binaries.deconstruct(data, attachments);
        }
        StringBuilder text = new StringBuilder().append(type.code());
        if (type.isBinary()) {
            text.append(attachments.size()).append('-');
        }
        if (!packet.namespace().equals("/")) {
            text.append(packet.namespace()).append(',');
        }
        if (packet.hasAck()) {
            text.append(packet.ackId());
        }
        if (packet.hasData()) {
            text.append(Json.write(data));
        }
        return new Encoded(text.toString(), List.copyOf(attachments));
    }

    /** @param attachments binaries to send after {@code text}, in order */
    public record Encoded(String text, List<byte[]> attachments) {
    }
}
