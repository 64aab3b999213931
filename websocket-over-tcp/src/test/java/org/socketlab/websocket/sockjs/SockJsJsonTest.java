package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SockJsJsonTest {

    @Nested
    class Quoting {

        @Test
        void everyCharacterTheServerMustEscape_isWrittenAsLowerCaseUnicodeEscape() {
            // sockjs-protocol-0.3.3 JSONEncoding.test_xhr_server_encodes: U+00FF..U+FFFF matching
            // [\u200c-\u200f\u2028-\u202f\u2060-\u206f\ufff0-\uffff] come back exactly as \\uxxxx.
            StringBuilder raw = new StringBuilder();
            StringBuilder expected = new StringBuilder("\"");
            IntStream.range(255, 65536).filter(c -> (c >= 0x200c && c <= 0x200f) || (c >= 0x2028 && c <= 0x202f)
                    || (c >= 0x2060 && c <= 0x206f) || c >= 0xfff0).forEach(c -> {
                        raw.append((char) c);
                        expected.append(String.format("\\u%04x", c));
                    });
            assertThat(SockJsJson.quote(raw.toString())).isEqualTo(expected.append('"').toString());
        }

        @Test
        void controlCharacters_useJsonShortFormsOrLowerCaseEscapes() {
            // EventSource.test_transport: ["  \u0000\n\r "] is delivered as "  \\u0000\\n\\r ".
            assertThat(SockJsJson.quote("  \u0000\n\r ")).isEqualTo("\"  \\u0000\\n\\r \"");
            assertThat(SockJsJson.quote("\"\\\t\u001f")).isEqualTo("\"\\\"\\\\\\t\\u001f\"");
        }

        @Test
        void surrogates_areEscaped_soAFrameIsAlwaysValidUtf8() {
            assertThat(SockJsJson.quote("\ud83d\ude00 \ud800")).isEqualTo("\"\\ud83d\\ude00 \\ud800\"");
        }

        @Test
        void ordinaryText_passesVerbatim() {
            assertThat(SockJsJson.quote("héllo 中文 / <b>")).isEqualTo("\"héllo 中文 / <b>\"");
        }

        @Test
        void messageFrame_joinsQuotedMessages() {
            assertThat(SockJsFrame.messages(List.of("a", "b\"c")).text()).isEqualTo("a[\"a\",\"b\\\"c\"]");
            assertThat(SockJsFrame.close(3000, "Go away!").text()).isEqualTo("c[3000,\"Go away!\"]");
            assertThat(SockJsFrame.ANOTHER_CONNECTION.text()).isEqualTo("c[2010,\"Another connection still open\"]");
        }
    }

    @Nested
    class Decoding {

        @Test
        void arrayOfStrings_isTheMessagesInOrder() throws Exception {
            assertThat(SockJsJson.decodeMessages("[\"a\",\"\\u0000\\ud800\",\"%61bc\"]", false))
                    .containsExactly("a", "\u0000\ud800", "%61bc");
        }

        @Test
        void singleString_isAcceptedOnlyWhereAllowed() throws Exception {
            assertThat(SockJsJson.decodeMessages("\"a\"", true)).containsExactly("a");
            assertThatThrownBy(() -> SockJsJson.decodeMessages("\"a\"", false)).hasMessage("Broken JSON encoding.");
        }

        @Test
        void emptyPayload_isPayloadExpected() {
            assertThatThrownBy(() -> SockJsJson.decodeMessages("", false)).hasMessage("Payload expected.");
        }

        @Test
        void brokenJson_nonStrings_andTrailingContent_areBrokenJsonEncoding() {
            for (String broken : List.of("[\"x", "[1]", "{\"a\":1}", "[\"a\"] x", "[\"a\"][\"b\"]", "null")) {
                assertThatThrownBy(() -> SockJsJson.decodeMessages(broken, true)).as(broken)
                        .isInstanceOf(SockJsPayloadException.class).hasMessage("Broken JSON encoding.");
            }
        }
    }
}
