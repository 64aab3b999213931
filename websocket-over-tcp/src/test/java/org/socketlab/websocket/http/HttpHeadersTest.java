package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeadersTest {

    @Nested
    class Rfc9110Section5_1_FieldNames {

        @Test
        void lookupIgnoresCase() {
            HttpHeaders headers = HttpHeaders.of("Sec-WebSocket-Key", "k");
            assertThat(headers.first("SEC-WEBSOCKET-KEY")).contains("k");
            assertThat(headers.contains("sec-websocket-key")).isTrue();
            assertThat(headers.first("Missing")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Bad Name", "Bad:Name", "Ünicode", "X\r\nInjected"})
        void nameThatIsNotAToken_isTheCallersFault(String name) {
            assertThatThrownBy(() -> new HttpHeaders().add(name, "v"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        }
    }

    @Nested
    class Rfc9110Section5_5_FieldValues {

        @ParameterizedTest
        @ValueSource(strings = {"a\r\nSet-Cookie: x", "a\nb", "a\u0000", "caf\u00e9", " lead", "trail\t"})
        void valueThatCouldNotBeReadBack_isRefused(String value) {
            assertThatThrownBy(() -> new HttpHeaders().add("X", value)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RFC 9110 §5.5");
        }

        @Test
        void innerWhitespaceAndEmptyValues_areFine() {
            HttpHeaders headers = new HttpHeaders().add("X", "a \t b").add("Y", "");
            assertThat(headers.all("X")).containsExactly("a \t b");
            assertThat(headers.first("Y")).contains("");
        }
    }

    @Nested
    class Rfc9110Section5_3_RepeatedFields {

        @Test
        void repeatedFieldsKeepTheirOrder() {
            HttpHeaders headers = new HttpHeaders().add("A", "1").add("B", "x").add("a", "2");
            assertThat(headers.all("A")).containsExactly("1", "2");
            assertThat(headers.size()).isEqualTo(3);
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, String> field : headers) {
                names.add(field.getKey());
            }
            assertThat(names).containsExactly("A", "B", "a");
        }

        @Test
        void tokensSplitAcrossLinesAndCommas_droppingEmptyElements() {
            HttpHeaders headers = new HttpHeaders().add("Connection", "keep-alive, , Upgrade").add("connection", ",close");
            assertThat(headers.tokens("Connection")).containsExactly("keep-alive", "Upgrade", "close");
            assertThat(headers.containsToken("CONNECTION", "upgrade")).isTrue();
            assertThat(headers.containsToken("Connection", "upgrad")).isFalse();
        }

        @Test
        void setReplacesEveryLine_removeReportsPresence() {
            HttpHeaders headers = new HttpHeaders().add("A", "1").add("a", "2");
            headers.set("A", "3");
            assertThat(headers.all("a")).containsExactly("3");
            assertThat(headers.remove("A")).isTrue();
            assertThat(headers.remove("A")).isFalse();
            assertThat(headers.isEmpty()).isTrue();
        }
    }

    @Test
    void equalityIgnoresNameCaseButNotOrderOrValues() {
        assertThat(HttpHeaders.of("Host", "a")).isEqualTo(HttpHeaders.of("host", "a"))
                .hasSameHashCodeAs(HttpHeaders.of("HOST", "a"));
        assertThat(HttpHeaders.of("A", "1", "B", "2")).isNotEqualTo(HttpHeaders.of("B", "2", "A", "1"));
        assertThat(HttpHeaders.of("A", "x")).isNotEqualTo(HttpHeaders.of("A", "X"));
    }

    @Test
    void copyIsIndependent() {
        HttpHeaders original = HttpHeaders.of("A", "1");
        HttpHeaders copy = original.copy().add("B", "2");
        assertThat(original.size()).isEqualTo(1);
        assertThat(copy.size()).isEqualTo(2);
    }

    @Test
    void iteratorCannotModify() {
        HttpHeaders headers = HttpHeaders.of("A", "1");
        assertThatThrownBy(() -> {
            var iterator = headers.iterator();
            iterator.next();
            iterator.remove();
        }).isInstanceOf(UnsupportedOperationException.class);
    }
}
