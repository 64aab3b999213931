package org.socketlab.websocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AcceptKeyTest {

    @Nested
    class Rfc6455Section1_3 {

        @Test
        void theRfcExampleKey_givesTheRfcExampleAccept() {
            assertThat(AcceptKey.compute("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        }

        @Test
        void theGuidIsTheOneInTheRfc() {
            assertThat(AcceptKey.GUID).isEqualTo("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
        }

        @Test
        void anotherKnownPair_fromWikipediasWebSocketArticle() {
            // RFC 6455 gives one example; this second pair (cross-checked with Python hashlib) guards against a hard-coded answer.
            assertThat(AcceptKey.compute("x3JJHMbDL1EzLkh9GBhXDw==")).isEqualTo("HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
        }
    }
}
