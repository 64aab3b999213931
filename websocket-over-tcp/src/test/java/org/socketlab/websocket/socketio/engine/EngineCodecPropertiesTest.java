package org.socketlab.websocket.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Payloads round-trip; garbage is only ever an {@link EngineProtocolException}. jqwik prints failing seeds. */
class EngineCodecPropertiesTest {

    @Provide
    Arbitrary<EnginePacket> packets() {
        Arbitrary<EnginePacket> text = Arbitraries.of(EnginePacketType.values()).flatMap(type ->
                Arbitraries.strings().ofMaxLength(30).filter(s -> s.indexOf(EngineCodec.RECORD_SEPARATOR) < 0)
                        .map(data -> EnginePacket.of(type, data)));
        Arbitrary<EnginePacket> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(EnginePacket::binary);
        return Arbitraries.oneOf(text, binary);
    }

    @Property(tries = 1000)
    void payloadsRoundTrip(@ForAll("packetLists") List<EnginePacket> packets) throws EngineProtocolException {
        assertThat(EngineCodec.decodePayload(EngineCodec.encodePayload(packets))).isEqualTo(packets);
    }

    @Provide
    Arbitrary<List<EnginePacket>> packetLists() {
        return packets().list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 2000)
    void garbageIsOnlyEverAProtocolError(@ForAll("garbage") String payload) {
        try {
            assertThat(EngineCodec.decodePayload(payload)).isNotEmpty();
        } catch (EngineProtocolException expected) {
            assertThat(expected.getMessage()).contains("Engine.IO v4");
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789b\u001e=+/A").ofMaxLength(40));
    }
}
