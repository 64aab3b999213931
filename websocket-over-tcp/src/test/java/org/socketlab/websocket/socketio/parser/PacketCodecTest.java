package org.socketlab.websocket.socketio.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketCodecTest {

    private static SocketIoPacket packet(PacketType type, String nsp, long id, Object data) {
        return new SocketIoPacket(type, nsp, id, data);
    }

    private static String encode(SocketIoPacket packet) {
        PacketEncoder.Encoded encoded = PacketEncoder.encode(packet);
        assertThat(encoded.attachments()).isEmpty();
        return encoded.text();
    }

    @Nested
    class Encoding {

        @Test
        void connectReplyCarriesTheSid() {
            assertThat(encode(packet(PacketType.CONNECT, "/", -1, Map.of("sid", "abc")))).isEqualTo("0{\"sid\":\"abc\"}");
            assertThat(encode(packet(PacketType.CONNECT, "/chat", -1, Map.of("sid", "abc"))))
                    .isEqualTo("0/chat,{\"sid\":\"abc\"}");
        }

        @Test
        void disconnectHasNoPayload() {
            assertThat(encode(packet(PacketType.DISCONNECT, "/chat", -1, SocketIoPacket.NO_DATA))).isEqualTo("1/chat,");
            assertThat(encode(packet(PacketType.DISCONNECT, "/", -1, SocketIoPacket.NO_DATA))).isEqualTo("1");
        }

        @Test
        void eventWithNamespaceAndAckId() {
            assertThat(encode(packet(PacketType.EVENT, "/chat", 12, List.of("hello", 1))))
                    .isEqualTo("2/chat,12[\"hello\",1]");
            assertThat(encode(packet(PacketType.ACK, "/", 3, List.of("ok")))).isEqualTo("33[\"ok\"]");
        }

        @Test
        void connectError() {
            assertThat(encode(packet(PacketType.CONNECT_ERROR, "/", -1, Map.of("message", "Invalid namespace"))))
                    .isEqualTo("4{\"message\":\"Invalid namespace\"}");
        }

        @Test
        void binaryArgumentsBecomeAttachments() {
            PacketEncoder.Encoded encoded = PacketEncoder.encode(packet(PacketType.EVENT, "/", -1,
                    List.of("ev", new byte[] {1, 2}, Map.of("inner", ByteBuffer.wrap(new byte[] {3})))));
            assertThat(encoded.text()).isEqualTo(
                    "52-[\"ev\",{\"_placeholder\":true,\"num\":0},{\"inner\":{\"_placeholder\":true,\"num\":1}}]");
            assertThat(encoded.attachments()).hasSize(2);
            assertThat(encoded.attachments().get(0)).containsExactly(1, 2);
            assertThat(encoded.attachments().get(1)).containsExactly(3);
        }

        @Test
        void binaryAckWithNamespaceAndId() {
            PacketEncoder.Encoded encoded = PacketEncoder.encode(packet(PacketType.ACK, "/chat", 7,
                    List.of(new byte[] {9})));
            assertThat(encoded.text()).isEqualTo("61-/chat,7[{\"_placeholder\":true,\"num\":0}]");
        }
    }

    @Nested
    class Decoding {

        private final PacketDecoder decoder = new PacketDecoder(10);

        @Test
        void connectWithAuthPayload() throws Exception {
            SocketIoPacket p = decoder.add("0/chat,{\"token\":\"123\"}");
            assertThat(p).isEqualTo(packet(PacketType.CONNECT, "/chat", -1, Map.of("token", "123")));
        }

        @Test
        void connectWithoutPayload() throws Exception {
            SocketIoPacket p = decoder.add("0");
            assertThat(p.namespace()).isEqualTo("/");
            assertThat(p.hasData()).isFalse();
            assertThat(decoder.add("0/admin,").namespace()).isEqualTo("/admin");
        }

        @Test
        void eventWithAckId() throws Exception {
            SocketIoPacket p = decoder.add("2/chat,42[\"msg\",{\"a\":[1,2.5,null,true]}]");
            assertThat(p.type()).isEqualTo(PacketType.EVENT);
            assertThat(p.ackId()).isEqualTo(42);
            assertThat(p.data()).isEqualTo(List.of("msg", Map.of("a", java.util.Arrays.asList(1, 2.5, null, true))));
        }

        @Test
        void binaryEventWaitsForItsAttachments() throws Exception {
            assertThat(decoder.add("52-[\"up\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]")).isNull();
            assertThat(decoder.add(new byte[] {1})).isNull();
            SocketIoPacket p = decoder.add(new byte[] {2, 2});
            assertThat(p.type()).isEqualTo(PacketType.BINARY_EVENT);
            List<?> data = (List<?>) p.data();
            assertThat((byte[]) data.get(1)).containsExactly(2, 2);
            assertThat((byte[]) data.get(2)).containsExactly(1);
        }

        @Test
        void encodeThenDecodeRestoresBinaries() throws Exception {
            PacketEncoder.Encoded encoded = PacketEncoder.encode(packet(PacketType.EVENT, "/x", 5,
                    List.of("ev", Map.of("blob", new byte[] {7, 8, 9}))));
            assertThat(decoder.add(encoded.text())).isNull();
            SocketIoPacket p = decoder.add(encoded.attachments().get(0));
            assertThat(p.ackId()).isEqualTo(5);
            assertThat((byte[]) ((Map<?, ?>) ((List<?>) p.data()).get(1)).get("blob")).containsExactly(7, 8, 9);
        }

        @ParameterizedTest(name = "\"{0}\" is refused")
        @ValueSource(strings = {"", "9", "2", "2{\"not\":\"array\"}", "2[]", "2[1]", "2[\"ev\"", "1[\"x\"]",
                "0[1]", "3{\"a\":1}", "5[\"ev\"]", "5x-[\"ev\"]", "511-[\"ev\"]", "2[\"ev\"] trailing", "21234567890123456[\"e\"]"})
        void malformedPackets_areProtocolErrors(String text) {
            assertThatThrownBy(() -> decoder.add(text)).isInstanceOf(SocketIoProtocolException.class)
                    .hasMessageContaining("(Socket.IO v5");
        }

        @Test
        void placeholderOutOfRange_isAProtocolError() throws Exception {
            decoder.add("51-[\"ev\",{\"_placeholder\":true,\"num\":3}]");
            assertThatThrownBy(() -> decoder.add(new byte[] {1})).isInstanceOf(SocketIoProtocolException.class)
                    .hasMessageContaining("num is 3");
        }

        @Test
        void binaryWithoutAnnouncement_isAProtocolError() {
            assertThatThrownBy(() -> decoder.add(new byte[] {1})).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void textWhileAttachmentsAreDue_isAProtocolError() throws Exception {
            decoder.add("51-[\"ev\",{\"_placeholder\":true,\"num\":0}]");
            assertThatThrownBy(() -> decoder.add("2[\"ev\"]")).isInstanceOf(SocketIoProtocolException.class)
                    .hasMessageContaining("1 binary attachment");
        }
    }
}
