package org.socketlab.websocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPolicyTest {

    private final OriginPolicy policy = OriginPolicy.allowList(List.of("https://chat.example", "http://localhost:8080"));

    @Nested
    class Rfc6455Section10_2_OriginConsiderations {

        @ParameterizedTest
        @ValueSource(strings = {"https://chat.example", "HTTPS://Chat.Example", "https://chat.example:443",
                "http://localhost:8080", "http://LOCALHOST:8080"})
        void listedOrigins_areAllowed_comparingSchemeAndHostWithoutCase(String origin) {
            assertThat(policy.allows(Optional.of(origin))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://evil.example", "http://chat.example", "https://chat.example:8443",
                "http://localhost", "http://localhost:8081", "https://chat.example.evil.example", "null", "",
                "https://chat.example/path", "chat.example", "https://user@chat.example"})
        void otherOrigins_areRefused(String origin) {
            assertThat(policy.allows(Optional.of(origin))).isFalse();
        }

        @Test
        void requestWithoutOrigin_isAllowed_becauseItDidNotComeFromABrowser() {
            assertThat(policy.allows(Optional.empty())).isTrue();
        }

        @Test
        void requireOrigin_refusesARequestWithoutOrigin() {
            assertThat(policy.requireOrigin().allows(Optional.empty())).isFalse();
            assertThat(policy.requireOrigin().allows(Optional.of("https://chat.example"))).isTrue();
        }

        @Test
        void emptyAllowList_refusesEveryBrowser() {
            assertThat(OriginPolicy.allowList(List.of()).allows(Optional.of("http://localhost"))).isFalse();
        }

        @Test
        void allowAny_isTheExplicitOptIn() {
            OriginPolicy any = OriginPolicy.allowAny();
            assertThat(any.allows(Optional.of("https://evil.example"))).isTrue();
            assertThat(any.allows(Optional.of("null"))).isTrue();
            assertThat(any.allows(Optional.empty())).isTrue();
            assertThat(any.allowsAnyOrigin()).isTrue();
            assertThat(policy.allowsAnyOrigin()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "chat.example", "https://chat.example/", "https://", "https://a:99999"})
        void allowListEntryThatIsNotAnOrigin_isTheCallersFault(String entry) {
            assertThatThrownBy(() -> OriginPolicy.allowList(List.of(entry))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void ipv6OriginsKeepTheirPort() {
            OriginPolicy ipv6 = OriginPolicy.allowList(List.of("http://[::1]:8080"));
            assertThat(ipv6.allows(Optional.of("http://[::1]:8080"))).isTrue();
            assertThat(ipv6.allows(Optional.of("http://[::1]"))).isFalse();
        }
    }
}
