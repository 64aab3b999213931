package org.socketlab.websocket.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class SseEncoderTest {

    @Test
    void writesIdEventDataRetry_andTheBlankLine() {
        String text = SseEncoder.encodeToString(new SseEvent("42", "tick", "{\"p\":1}", 3000L));
        assertThat(text).isEqualTo("id: 42\nevent: tick\ndata: {\"p\":1}\nretry: 3000\n\n");
    }

    @Test
    void multiLineData_becomesOneDataLinePerLine_whateverTheLineEnd() {
        assertThat(SseEncoder.encodeToString(SseEvent.data("a\nb\r\nc\rd")))
                .isEqualTo("data: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void roundTripsThroughTheParser_includingLeadingSpacesAndEmptyLines() throws SseFormatException {
        SseEvent sent = new SseEvent("7", "news", " leading space\n\nlast line", null);
        SseEvent received = new SseParser().feed(SseEncoder.encode(sent)).get(0);
        assertThat(received.data()).isEqualTo(sent.data());
        assertThat(received.id()).isEqualTo("7");
        assertThat(received.type()).isEqualTo("news");
    }

    @Test
    void commentIsAColonLine_thatTheParserCountsButDoesNotDispatch() throws SseFormatException {
        byte[] comment = SseEncoder.comment("heartbeat");
        assertThat(new String(comment, StandardCharsets.UTF_8)).isEqualTo(": heartbeat\n\n");
        SseParser parser = new SseParser();
        assertThat(parser.feed(comment)).isEmpty();
        assertThat(parser.commentCount()).isEqualTo(1);
    }

    @Test
    void refusesFieldsThatCannotBeRepresented() {
        assertThatThrownBy(() -> SseEncoder.encode(SseEvent.data("x").withId("1\n2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single line");
        assertThatThrownBy(() -> SseEncoder.encode(SseEvent.data("x").withId("a\0b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SseEncoder.encode(SseEvent.data("x").withEvent("a\rb")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single line");
        assertThatThrownBy(() -> SseEncoder.encode(SseEvent.data("x").withRetry(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
    }
}
