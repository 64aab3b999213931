package org.socketlab.websocket.socketio.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bad input never escapes as anything but {@link SocketIoProtocolException}, and what the
 * encoder writes the decoder reads back. jqwik prints the seed of a failing try.
 */
class PacketDecoderPropertiesTest {

    @Provide
    Arbitrary<String> packetLike() {
        Arbitrary<String> alphabet = Arbitraries.strings().withChars("0123456789-/,[]{}\":_ab").ofMaxLength(40);
        return Arbitraries.oneOf(alphabet, Arbitraries.strings().ofMaxLength(40),
                alphabet.map(s -> "5" + s), alphabet.map(s -> "2[" + s));
    }

    @Property(tries = 2000)
    void anyTextEitherDecodesOrIsAProtocolError(@ForAll("packetLike") String text) {
        PacketDecoder decoder = new PacketDecoder(3);
        try {
            SocketIoPacket packet = decoder.add(text);
            if (packet != null) {
                assertThat(packet.namespace()).startsWith("/");
            }
        } catch (SocketIoProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void eventsRoundTrip(@ForAll("names") String namespace, @ForAll("names") String event,
                         @ForAll("ids") long ackId, @ForAll String text, @ForAll int number, @ForAll byte[] blob)
            throws SocketIoProtocolException {
        SocketIoPacket sent = new SocketIoPacket(PacketType.EVENT, namespace, ackId,
                List.of(event, text, Map.of("n", number, "blob", blob)));
        PacketEncoder.Encoded encoded = PacketEncoder.encode(sent);
        PacketDecoder decoder = new PacketDecoder(10);
        assertThat(decoder.add(encoded.text())).isNull();
        SocketIoPacket received = decoder.add(encoded.attachments().get(0));
        assertThat(received.namespace()).isEqualTo(namespace);
        assertThat(received.ackId()).isEqualTo(ackId);
        List<?> data = (List<?>) received.data();
        assertThat(List.<Object>copyOf(data.subList(0, 2))).containsExactly(event, text);
        Map<?, ?> map = (Map<?, ?>) data.get(2);
        assertThat(((Number) map.get("n")).intValue()).isEqualTo(number);
        assertThat((byte[]) map.get("blob")).isEqualTo(blob);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12).map(s -> "/" + s)
                .injectDuplicates(0.1).edgeCases(e -> e.add("/"));
    }

    @Provide
    Arbitrary<Long> ids() {
        return Arbitraries.longs().between(-1, 999_999_999_999_999L);
    }
}
