package org.socketlab.websocket.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Pure Engine.IO v4 encoding (no I/O, no state):
 * <ul>
 *   <li>a text packet is its type digit followed by its data: {@code 4hello}, {@code 2probe};</li>
 *   <li>over WebSocket a binary message is a binary frame holding just the bytes (v4 dropped
 *       v3's type byte);</li>
 *   <li>a polling payload is packets separated by the record separator {@code \u001e}, a binary
 *       message written as {@code b} plus its base64.</li>
 * </ul>
 */
public final class EngineCodec {

    /** Separates packets in a polling payload (Engine.IO v4, "Payload encoding"). */
    public static final char RECORD_SEPARATOR = '\u001e';

    private EngineCodec() {
    }

    /** The text form of a non-binary packet (a WebSocket text frame, or one polling record). */
    public static String encodeText(EnginePacket packet) {
        return packet.type().code() + packet.text();
    }

    /** Decodes one text packet (a WebSocket text frame). */
    public static EnginePacket decodeText(String encoded) throws EngineProtocolException {
        if (encoded.isEmpty()) {
            throw new EngineProtocolException("packet is empty; it must start with a type digit (Engine.IO v4, packet encoding)");
        }
        return EnginePacket.of(EnginePacketType.fromCode(encoded.charAt(0)), encoded.substring(1));
    }

    /** A WebSocket binary frame is a binary message packet. */
    public static EnginePacket decodeBinary(byte[] frame) {
        return EnginePacket.binary(frame);
    }

    /** Joins packets into one polling payload. */
    public static String encodePayload(List<EnginePacket> packets) {
        StringBuilder payload = new StringBuilder();
        for (EnginePacket packet : packets) {
            if (!payload.isEmpty()) {
                payload.append(RECORD_SEPARATOR);
            }
            if (packet.isBinary()) {
                payload.append('b').append(Base64.getEncoder().encodeToString(packet.binary()));
            } else {
                payload.append(encodeText(packet));
            }
        }
        return payload.toString();
    }

    /** Splits a polling payload (a POST body) into packets; any bad record fails the whole payload. */
    public static List<EnginePacket> decodePayload(String payload) throws EngineProtocolException {
        if (payload.isEmpty()) {
            throw new EngineProtocolException("payload is empty; it must hold at least one packet (Engine.IO v4, payload encoding)");
        }
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        while (start <= payload.length()) {
            int end = payload.indexOf(RECORD_SEPARATOR, start);
            if (end < 0) {
                end = payload.length();
            }
            packets.add(decodeRecord(payload.substring(start, end), packets.size()));
            start = end + 1;
        }
        return packets;
    }

    private static EnginePacket decodeRecord(String record, int index) throws EngineProtocolException {
        if (record.startsWith("b")) {
            try {
                return EnginePacket.binary(Base64.getDecoder().decode(record.substring(1)));
            } catch (IllegalArgumentException e) {
                throw new EngineProtocolException("packet " + index + " of the payload starts with 'b' but is not base64 ("
                        + e.getMessage() + ") (Engine.IO v4, payload encoding)");
            }
        }
        if (record.isEmpty()) {
            throw new EngineProtocolException("packet " + index + " of the payload is empty (Engine.IO v4, payload encoding)");
        }
        return decodeText(record);
    }

    /** UTF-8 bytes of a payload, for an HTTP body. */
    public static byte[] payloadBytes(List<EnginePacket> packets) {
        return encodePayload(packets).getBytes(StandardCharsets.UTF_8);
    }
}
