package org.socketlab.websocket.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EngineCodecTest {

    @Nested
    class PacketEncoding {

        @Test
        void textPacketIsItsTypeDigitThenItsData() {
            assertThat(EngineCodec.encodeText(EnginePacket.message("hello"))).isEqualTo("4hello");
            assertThat(EngineCodec.encodeText(EnginePacket.of(EnginePacketType.PING, "probe"))).isEqualTo("2probe");
            assertThat(EngineCodec.encodeText(EnginePacket.of(EnginePacketType.NOOP))).isEqualTo("6");
        }

        @Test
        void everyTypeDigitDecodes() throws Exception {
            for (EnginePacketType type : EnginePacketType.values()) {
                assertThat(EngineCodec.decodeText(type.code() + "x")).isEqualTo(EnginePacket.of(type, "x"));
            }
        }

        @Test
        void unknownTypeDigit_isAProtocolError() {
            assertThatThrownBy(() -> EngineCodec.decodeText("7oops"))
                    .isInstanceOf(EngineProtocolException.class)
                    .hasMessageContaining("'7'").hasMessageContaining("0-6");
        }

        @Test
        void emptyPacket_isAProtocolError() {
            assertThatThrownBy(() -> EngineCodec.decodeText("")).isInstanceOf(EngineProtocolException.class)
                    .hasMessageContaining("empty");
        }

        @Test
        void binaryFrameIsABinaryMessage() {
            EnginePacket packet = EngineCodec.decodeBinary(new byte[] {1, 2, 3});
            assertThat(packet.type()).isEqualTo(EnginePacketType.MESSAGE);
            assertThat(packet.binary()).containsExactly(1, 2, 3);
        }
    }

    @Nested
    class PayloadEncoding {

        @Test
        void packetsAreSeparatedByTheRecordSeparator() {
            String payload = EngineCodec.encodePayload(List.of(EnginePacket.message("hello"),
                    EnginePacket.of(EnginePacketType.PING), EnginePacket.binary(new byte[] {1, 2, 3, 4})));
            assertThat(payload).isEqualTo("4hello\u001e2\u001ebAQIDBA==");
        }

        @Test
        void payloadRoundTrips() throws Exception {
            List<EnginePacket> packets = List.of(EnginePacket.message("a\u001fb é"), EnginePacket.binary(new byte[] {0, -1}),
                    EnginePacket.message(""), EnginePacket.of(EnginePacketType.CLOSE));
            assertThat(EngineCodec.decodePayload(EngineCodec.encodePayload(packets))).isEqualTo(packets);
        }

        @Test
        void singlePacketPayload() throws Exception {
            assertThat(EngineCodec.decodePayload("40")).containsExactly(EnginePacket.message("0"));
        }

        @Test
        void badBase64_isAProtocolErrorNamingThePacket() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("4ok\u001eb%%%"))
                    .isInstanceOf(EngineProtocolException.class).hasMessageContaining("packet 1");
        }

        @Test
        void emptyRecord_isAProtocolError() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("4a\u001e\u001e4b"))
                    .isInstanceOf(EngineProtocolException.class).hasMessageContaining("packet 1 of the payload is empty");
            assertThatThrownBy(() -> EngineCodec.decodePayload("")).isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void unknownTypeInsideAPayload_failsTheWholePayload() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("4a\u001e9b")).isInstanceOf(EngineProtocolException.class);
        }
    }

    @Test
    void openPacketCarriesSidUpgradesTimersAndMaxPayload() {
        assertThat(EngineConfig.defaults().openJson("abc", true)).isEqualTo(
                "{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
        assertThat(EngineConfig.defaults().openJson("abc", false)).contains("\"upgrades\":[]");
    }

    @Test
    void errorsUseTheReferenceServersCodes() {
        assertThat(EngineError.UNKNOWN_SID.json()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        assertThat(EngineError.UNKNOWN_SID.toResponse().status()).isEqualTo(400);
        assertThat(EngineError.FORBIDDEN.httpStatus()).isEqualTo(403);
    }
}
