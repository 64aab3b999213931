package org.socketlab.websocket.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WHATWG HTML §9.2.6 "Interpreting an event stream", rule by rule. */
@Timeout(5)
class SseParserTest {

    private static List<SseEvent> parse(String stream) throws SseFormatException {
        return new SseParser().feed(stream.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class LineEnds {
        @Test
        void lfCrlfAndCrAllEndLines() throws SseFormatException {
            assertThat(parse("data: a\n\n")).extracting(SseEvent::data).containsExactly("a");
            assertThat(parse("data: a\r\n\r\n")).extracting(SseEvent::data).containsExactly("a");
            assertThat(parse("data: a\r\r")).extracting(SseEvent::data).containsExactly("a");
        }

        @Test
        void crlfSplitAcrossTwoFeeds_isOneLineEnd() throws SseFormatException {
            SseParser parser = new SseParser();
            assertThat(parser.feed("data: a\r".getBytes(StandardCharsets.UTF_8))).isEmpty();
            // The LF belongs to the CR before it; only the following CRLF is the blank line.
            assertThat(parser.feed("\n\r\n".getBytes(StandardCharsets.UTF_8)))
                    .extracting(SseEvent::data).containsExactly("a");
        }

        @Test
        void everySplitOfAStream_givesTheSameEvents() throws SseFormatException {
            byte[] stream = ("\uFEFFid: 1\r\nevent: tick\r\ndata: h\u00e9llo\r\ndata: w\u00f6rld\r\n\r\n"
                    + ": heartbeat\n\ndata: second\r\rretry: 250\n").getBytes(StandardCharsets.UTF_8);
            List<SseEvent> whole = new SseParser().feed(stream);
            long seed = new Random().nextLong();
            Random random = new Random(seed);
            for (int round = 0; round < 200; round++) {
                SseParser parser = new SseParser();
                List<SseEvent> pieces = new ArrayList<>();
                int offset = 0;
                while (offset < stream.length) {
                    int length = 1 + random.nextInt(Math.min(7, stream.length - offset));
                    pieces.addAll(parser.feed(java.util.Arrays.copyOfRange(stream, offset, offset + length)));
                    offset += length;
                }
                assertThat(pieces).as("seed %d round %d", seed, round).isEqualTo(whole);
                assertThat(parser.retryMillis()).as("seed %d", seed).isEqualTo(250L);
            }
            assertThat(whole).extracting(SseEvent::data).containsExactly("h\u00e9llo\nw\u00f6rld", "second");
        }
    }

    @Nested
    class Fields {
        @Test
        void oneLeadingSpaceIsStripped_notTwo() throws SseFormatException {
            assertThat(parse("data:  two spaces\n\n").get(0).data()).isEqualTo(" two spaces");
            assertThat(parse("data:none\n\n").get(0).data()).isEqualTo("none");
        }

        @Test
        void dataLinesAreJoinedWithLf_andTheLastLfRemoved() throws SseFormatException {
            assertThat(parse("data: one\ndata\ndata: three\n\n").get(0).data()).isEqualTo("one\n\nthree");
        }

        @Test
        void eventWithoutData_isNotDispatched_butItsIdIsKept() throws SseFormatException {
            SseParser parser = new SseParser();
            assertThat(parser.feed("id: 7\nevent: x\n\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
            assertThat(parser.lastEventId()).isEqualTo("7");
            SseEvent next = parser.feed("data: d\n\n".getBytes(StandardCharsets.UTF_8)).get(0);
            assertThat(next.id()).isEqualTo("7");
            assertThat(next.type()).as("the event type is reset after a blank line").isEqualTo("message");
        }

        @Test
        void typeDefaultsToMessage_andEventFieldSetsIt() throws SseFormatException {
            assertThat(parse("data: a\n\n").get(0).type()).isEqualTo("message");
            assertThat(parse("event: tick\ndata: a\n\n").get(0).type()).isEqualTo("tick");
        }

        @Test
        void idContainingNul_isIgnored() throws SseFormatException {
            SseParser parser = new SseParser();
            parser.feed("id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\n".getBytes(StandardCharsets.UTF_8));
            assertThat(parser.lastEventId()).isEqualTo("1");
        }

        @Test
        void emptyId_resetsTheLastEventId() throws SseFormatException {
            SseParser parser = new SseParser();
            List<SseEvent> events = parser.feed("id: 1\ndata: a\n\nid\ndata: b\n\n".getBytes(StandardCharsets.UTF_8));
            assertThat(events).extracting(SseEvent::id).containsExactly("1", "");
        }

        @Test
        void retryAcceptsAsciiDigitsOnly() throws SseFormatException {
            SseParser parser = new SseParser();
            parser.feed("retry: 1500\n\nretry: 2s\n\nretry: -1\n\nretry:\n\nretry: 1.5\n\n".getBytes(StandardCharsets.UTF_8));
            assertThat(parser.retryMillis()).isEqualTo(1500L);
        }

        @Test
        void commentsAndUnknownFieldsAreIgnored() throws SseFormatException {
            SseParser parser = new SseParser();
            List<SseEvent> events = parser.feed(":hb\n: another\nfoo: bar\nDATA: upper\ndata: x\n\n"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(events).extracting(SseEvent::data).containsExactly("x");
            assertThat(parser.commentCount()).isEqualTo(2);
        }

        @Test
        void fieldWithoutColon_hasEmptyValue() throws SseFormatException {
            assertThat(parse("data\n\n").get(0).data()).isEmpty();
        }
    }

    @Nested
    class StreamBoundaries {
        @Test
        void leadingBomIsDropped_onlyOnce() throws SseFormatException {
            assertThat(parse("\uFEFFdata: a\n\n").get(0).data()).isEqualTo("a");
            // A second BOM is part of the first field name, which is then unknown.
            assertThat(parse("\uFEFF\uFEFFdata: a\n\n")).isEmpty();
        }

        @Test
        void incompleteEventAtEndOfStream_isNotDispatched() throws SseFormatException {
            assertThat(parse("data: a\n\ndata: half")).extracting(SseEvent::data).containsExactly("a");
            assertThat(parse("data: no blank line\n")).isEmpty();
        }

        @Test
        void overlongLine_isTheServersFault() {
            SseParser parser = new SseParser(16, 1024);
            assertThatThrownBy(() -> parser.feed("data: 0123456789abcdef\n".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(SseFormatException.class).hasMessageContaining("16 bytes");
        }

        @Test
        void overlongEvent_isTheServersFault() {
            SseParser parser = new SseParser(64, 10);
            assertThatThrownBy(() -> parser.feed("data: 123456\ndata: 123456\n".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(SseFormatException.class).hasMessageContaining("10 characters");
        }
    }

    @Nested
    class LenientPolicy {

        /** Records what the observer is told, in order. */
        private final List<String> seen = new ArrayList<>();
        private final SseParser.Observer observer = new SseParser.Observer() {
            @Override
            public void comment(String text) {
                seen.add("comment" + text);
            }

            @Override
            public void field(String name, String value) {
                seen.add(name + "=" + value);
            }

            @Override
            public void dispatched(SseEvent event) {
                seen.add("event " + event.data());
            }

            @Override
            public void notDispatched() {
                seen.add("nothing");
            }

            @Override
            public void cut(String what) {
                seen.add("cut " + String.join(" ", java.util.Arrays.asList(what.split(" ")).subList(0, 3)));
            }
        };

        @Test
        void overlongLineAndEvent_areCutAndReported_andParsingGoesOn() throws SseFormatException {
            SseParser parser = new SseParser(16, 11, SseParser.Policy.LENIENT, observer);
            List<SseEvent> events = parser.feed(("data: 0123456789abcdef\n\ndata: 123456\ndata: 123456\n\n"
                    + "data: ok\n\n").getBytes(StandardCharsets.UTF_8));
            assertThat(events).extracting(SseEvent::data).containsExactly("0123456789", "123456", "ok");
            assertThat(seen).containsExactly(
                    "cut an event-stream line", "data=0123456789", "event 0123456789",
                    "data=123456", "data=123456", "cut an event's data", "event 123456",
                    "data=ok", "event ok");
        }

        @Test
        void theObserverSeesEachLineInStreamOrder() throws SseFormatException {
            SseParser parser = new SseParser(64, 64, SseParser.Policy.LENIENT, observer);
            parser.feed(": hi\nid: 1\n\nevent: x\ndata: d\n\n".getBytes(StandardCharsets.UTF_8));
            assertThat(seen).containsExactly("comment hi", "id=1", "nothing", "event=x", "data=d", "event d");
        }
    }
}
