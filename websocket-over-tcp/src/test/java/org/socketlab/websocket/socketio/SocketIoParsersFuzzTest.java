package org.socketlab.websocket.socketio;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.socketlab.websocket.socketio.engine.EngineCodec;
import org.socketlab.websocket.socketio.engine.EnginePacket;
import org.socketlab.websocket.socketio.engine.EngineProtocolException;
import org.socketlab.websocket.socketio.parser.PacketDecoder;
import org.socketlab.websocket.socketio.parser.PacketEncoder;
import org.socketlab.websocket.socketio.parser.SocketIoPacket;
import org.socketlab.websocket.socketio.parser.SocketIoProtocolException;

/**
 * Coverage-guided fuzzing of the Engine.IO v4 payload codec and the Socket.IO v5 packet decoder.
 * A normal build replays src/test/resources/.../SocketIoParsersFuzzTestInputs; {@code JAZZER_FUZZ=1}
 * fuzzes one method (README, reliability section).
 *
 * <p>Properties: the only exceptions are {@link EngineProtocolException} and
 * {@link SocketIoProtocolException}; an Engine.IO payload that decodes re-encodes to a payload
 * that decodes to the same packets; the Socket.IO decoder never waits for more attachments than
 * its limit, and every packet it returns encodes to text plus at most that many attachments,
 * which decode again to the same type, namespace and ack id.
 */
class SocketIoParsersFuzzTest {

    private static final int MAX_ATTACHMENTS = 4;

    @FuzzTest(maxDuration = "60s")
    void enginePayloadRoundTrip(byte[] input) {
        String payload = new String(input, StandardCharsets.UTF_8);
        List<EnginePacket> packets;
        try {
            packets = EngineCodec.decodePayload(payload);
        } catch (EngineProtocolException refused) {
            return;
        }
        try {
            List<EnginePacket> again = EngineCodec.decodePayload(EngineCodec.encodePayload(packets));
            if (!again.equals(packets)) {
                throw new AssertionError("payload round trip changed " + packets + " into " + again);
            }
        } catch (EngineProtocolException e) {
            throw new AssertionError("our own encoding of " + packets + " does not decode", e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void socketIoPacketDecoder(FuzzedDataProvider data) {
        PacketDecoder decoder = new PacketDecoder(MAX_ATTACHMENTS);
        int binariesSinceText = 0;
        while (data.remainingBytes() > 0) {
            SocketIoPacket packet;
            try {
                if (data.consumeBoolean()) {
                    binariesSinceText = 0;
                    packet = decoder.add(data.consumeString(120));
                } else {
                    binariesSinceText++;
                    packet = decoder.add(data.consumeBytes(40));
                }
            } catch (SocketIoProtocolException refused) {
                return; // the connection is closed on the first protocol error
            }
            if (binariesSinceText > MAX_ATTACHMENTS) {
                throw new AssertionError("the decoder accepted " + binariesSinceText + " attachments; limit " + MAX_ATTACHMENTS);
            }
            if (packet != null) {
                checkReencodes(packet);
            }
        }
    }

    private static void checkReencodes(SocketIoPacket packet) {
        PacketEncoder.Encoded encoded = PacketEncoder.encode(packet);
        if (encoded.attachments().size() > MAX_ATTACHMENTS) {
            throw new AssertionError(packet + " re-encodes with " + encoded.attachments().size() + " attachments");
        }
        PacketDecoder fresh = new PacketDecoder(MAX_ATTACHMENTS);
        try {
            SocketIoPacket again = fresh.add(encoded.text());
            for (byte[] attachment : encoded.attachments()) {
                again = fresh.add(attachment);
            }
            if (again == null || again.type() != packet.type() || !again.namespace().equals(packet.namespace())
                    || again.ackId() != packet.ackId()) {
                throw new AssertionError(packet + " re-decoded as " + again + " from " + encoded.text());
            }
        } catch (SocketIoProtocolException e) {
            throw new AssertionError("our own encoding of " + packet + " is refused: " + encoded.text(), e);
        }
    }
}
