package org.socketlab.websocket.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpException;

/** RFC 7692 §7.1, server and client side. */
class DeflateNegotiationTest {

    private static final DeflateConfig TAKEOVER = DeflateConfig.defaults().withServerNoContextTakeover(false);

    private static Optional<String> serverAnswer(String offer, DeflateConfig config) {
        return DeflateNegotiation.accept(offer, config).map(DeflateNegotiation.Agreement::responseElement);
    }

    @Nested
    class Section7_1_ServerAcceptsOrDeclines {

        @Test
        void chromiumsOffer_isAccepted_withoutNamingTheClientWindow() {
            assertThat(serverAnswer("permessage-deflate; client_max_window_bits", TAKEOVER))
                    .contains("permessage-deflate");
        }

        @Test
        void defaultConfig_addsServerNoContextTakeover_evenWhenNotOffered() {
            var agreement = DeflateNegotiation.accept("permessage-deflate", DeflateConfig.defaults()).orElseThrow();
            assertThat(agreement.responseElement()).isEqualTo("permessage-deflate; server_no_context_takeover");
            assertThat(agreement.parameters().serverNoContextTakeover()).isTrue();
            assertThat(agreement.parameters().clientNoContextTakeover()).isFalse();
        }

        @Test
        void offeredServerNoContextTakeover_mustBeInTheResponse() {
            assertThat(serverAnswer("permessage-deflate; server_no_context_takeover", TAKEOVER))
                    .contains("permessage-deflate; server_no_context_takeover");
        }

        @Test
        void serverMaxWindowBits15_isEchoed() {
            assertThat(serverAnswer("permessage-deflate; server_max_window_bits=15", TAKEOVER))
                    .contains("permessage-deflate; server_max_window_bits=15");
            assertThat(serverAnswer("permessage-deflate; server_max_window_bits=\"15\"", TAKEOVER))
                    .contains("permessage-deflate; server_max_window_bits=15");
        }

        @Test
        void serverMaxWindowBitsBelow15_isDeclined_becauseJavaUtilZipCannotKeepToIt() {
            assertThat(serverAnswer("permessage-deflate; server_max_window_bits=10", TAKEOVER)).isEmpty();
        }

        @Test
        void invalidOffers_areDeclined() {
            List<String> invalid = List.of(
                    "permessage-deflate; server_max_window_bits",          // needs a value
                    "permessage-deflate; server_max_window_bits=08",       // leading zero
                    "permessage-deflate; client_max_window_bits=16",       // out of range
                    "permessage-deflate; client_max_window_bits=7",
                    "permessage-deflate; server_no_context_takeover=1",    // takes no value
                    "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
                    "permessage-deflate; mystery",                         // unknown parameter
                    "permessage-deflate; server_max_window_bits=\"1 5\"",  // not a token once unquoted
                    "permessage-deflate; server_max_window_bits=\"15");    // open quote
            for (String offer : invalid) {
                assertThat(serverAnswer(offer, TAKEOVER)).as(offer).isEmpty();
            }
        }

        @Test
        void negotiator_takesTheFirstAcceptableOffer_inTheClientsOrder() throws HttpException {
            var negotiator = DeflateNegotiation.serverNegotiator(TAKEOVER);
            assertThat(negotiator.negotiate(List.of(
                    "x-webkit-deflate-frame",
                    "permessage-deflate; server_max_window_bits=10",
                    "permessage-deflate; client_no_context_takeover",
                    "permessage-deflate")))
                    .containsExactly("permessage-deflate");
            assertThat(negotiator.negotiate(List.of("permessage-deflate; bogus"))).isEmpty();
        }
    }

    @Nested
    class Section7_1_ClientChecksTheResponse {

        @Test
        void offer_letsTheServerLimitTheClientWindow() {
            assertThat(DeflateNegotiation.offer(DeflateConfig.defaults()))
                    .isEqualTo("permessage-deflate; client_max_window_bits; server_no_context_takeover");
            assertThat(DeflateNegotiation.offer(TAKEOVER.withClientNoContextTakeover(true)))
                    .isEqualTo("permessage-deflate; client_max_window_bits; client_no_context_takeover");
        }

        @ParameterizedTest(name = "client_max_window_bits={0}")
        @ValueSource(ints = {8, 9, 12, 15})
        void aLimitOnTheClientWindow_isAgreed(int bits) throws HandshakeException {
            // §7.1.2.2: we offered client_max_window_bits, so any value 8..15 is valid in the response.
            DeflateParameters agreed = DeflateNegotiation.acceptResponse(
                    "permessage-deflate; client_max_window_bits=" + bits, TAKEOVER);
            assertThat(agreed).isEqualTo(new DeflateParameters(false, false, 15, bits));
        }

        @Test
        void acceptedResponse_givesTheAgreedParameters() throws HttpException {
            DeflateParameters agreed = DeflateNegotiation.acceptResponse(
                    "permessage-deflate; client_no_context_takeover; server_max_window_bits=9", TAKEOVER);
            assertThat(agreed).isEqualTo(new DeflateParameters(false, true, 9, 15));
        }

        @Test
        void responsesThatFailTheConnection() {
            List<String> bad = List.of(
                    "permessage-deflate; client_max_window_bits",      // §7.1.2.2: the response needs a value
                    "permessage-deflate; client_max_window_bits=7",
                    "permessage-deflate; client_max_window_bits=16",
                    "permessage-deflate; server_max_window_bits=16",
                    "permessage-deflate; unknown",
                    "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                    "permessage-deflate; client_no_context_takeover=yes",
                    "x-other");
            for (String response : bad) {
                assertThatThrownBy(() -> DeflateNegotiation.acceptResponse(response, TAKEOVER)).as(response)
                        .isInstanceOf(HttpException.class)
                        .hasMessageContaining("RFC 7692 §7.1")
                        .extracting(e -> ((HttpException) e).status()).isEqualTo(502);
            }
        }

        @Test
        void aResponseThatDropsServerNoContextTakeover_weAskedFor_failsTheConnection() {
            assertThatThrownBy(() -> DeflateNegotiation.acceptResponse("permessage-deflate", DeflateConfig.defaults()))
                    .isInstanceOf(HttpException.class)
                    .hasMessageContaining("server_no_context_takeover");
        }

        @Test
        void agreed_readsBackWhatTheServerWrote() {
            var agreement = DeflateNegotiation.accept("permessage-deflate; client_max_window_bits",
                    DeflateConfig.defaults().withClientNoContextTakeover(true)).orElseThrow();
            assertThat(DeflateNegotiation.agreed(agreement.responseElement())).contains(agreement.parameters());
        }
    }
}
