package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The inversion behind docs/sockjs.md remark 2, made deterministic: sockjs-protocol-0.3.3.py
 * ({@code Protocol.test_simpleSession}, {@code HandlingClose.test_abort_xhr_polling}) sends poll A,
 * then at once poll B on a new connection, and expects B to get
 * {@code c[2010,"Another connection still open"]} while A stays attached. Here A's connection is
 * accepted first but B's request is sent (and attached, by the listener's count) before A's is
 * written — the order a loaded machine's thread scheduling can produce. Arrival order (the accept
 * tickets) must still make A the one that stays.
 */
class SuiteArrivalOrderTest extends SuiteCase {

    @Test
    void thePollThatArrivedFirst_staysAttached_evenWhenTheSecondIsReadFirst() throws Exception {
        String url = session("echo");
        try (RawHttp open = post(url + "/xhr", "")) {
            assertThat(open.body()).isEqualTo("o\n");
        }
        awaitAttached(url, 1);
        // A connects before B: the listen queue is first in, first out, so A is accepted first.
        try (RawHttp a = new RawHttp(port); RawHttp b = new RawHttp(port)) {
            b.send("POST", url + "/xhr", "HTTP/1.1", "");
            awaitAttached(url, 2); // B's request was read and attached before A's was even sent
            a.send("POST", url + "/xhr", "HTTP/1.1", "");

            b.timeout(5_000);
            within("B's response c[2010,...]", b::readResponse);
            assertThat(b.status).isEqualTo(200);
            assertThat(b.body()).as("the poll that arrived second").isEqualTo("c[2010,\"Another connection still open\"]\n");

            awaitAttached(url, 3); // A took B's place
            try (RawHttp send = post(url + "/xhr_send", "[\"x\"]")) {
                assertThat(send.status).isEqualTo(204);
            }
            a.readResponse();
            assertThat(a.status).isEqualTo(200);
            assertThat(a.body()).as("the poll that arrived first, still attached").isEqualTo("a[\"x\"]\n");
        }
    }

    @Test
    void aStreamThatArrivedSecond_isDisplacedAfterItsPrelude_withTheFrame2010() throws Exception {
        String url = session("echo");
        try (RawHttp open = post(url + "/xhr", "")) {
            assertThat(open.body()).isEqualTo("o\n");
        }
        awaitAttached(url, 1);
        try (RawHttp a = new RawHttp(port); RawHttp b = new RawHttp(port)) {
            b.send("POST", url + "/xhr_streaming", "HTTP/1.1", "");
            b.readResponse();
            assertThat(b.readChunk()).as("the prelude").isEqualTo("h".repeat(2048) + "\n");
            awaitAttached(url, 2);
            a.send("POST", url + "/xhr", "HTTP/1.1", "");

            b.timeout(5_000);
            assertThat(within("the stream's next chunk c[2010,...]", b::readChunk)).isEqualTo("c[2010,\"Another connection still open\"]\n");
            assertThat(b.readChunk()).as("the stream ends").isEmpty();

            awaitAttached(url, 3);
            try (RawHttp send = post(url + "/xhr_send", "[\"y\"]")) {
                assertThat(send.status).isEqualTo(204);
            }
            a.readResponse();
            assertThat(a.body()).isEqualTo("a[\"y\"]\n");
        }
    }

    @Test
    void aPollThatArrivedSecond_stillGets2010_whenItIsAlsoReadSecond() throws Exception {
        String url = session("echo");
        try (RawHttp open = post(url + "/xhr", "")) {
            assertThat(open.body()).isEqualTo("o\n");
        }
        awaitAttached(url, 1);
        try (RawHttp a = new RawHttp(port)) {
            a.send("POST", url + "/xhr", "HTTP/1.1", "");
            awaitAttached(url, 2);
            try (RawHttp b = post(url + "/xhr", "")) {
                assertThat(b.body()).isEqualTo("c[2010,\"Another connection still open\"]\n");
            }
            try (RawHttp send = post(url + "/xhr_send", "[\"z\"]")) {
                assertThat(send.status).isEqualTo(204);
            }
            a.readResponse();
            assertThat(a.body()).isEqualTo("a[\"z\"]\n");
        }
    }

    /** A read that must answer within the socket's timeout; a timeout fails saying what was expected. */
    private static <T> T within(String expected, Read<T> read) throws IOException {
        try {
            return read.call();
        } catch (SocketTimeoutException silent) {
            throw new AssertionError("expected " + expected + " but nothing came within the read timeout:"
                    + " the request that arrived first was told 2010 instead (judged by thread order, not arrival)");
        }
    }

    private interface Read<T> {
        T call() throws IOException;
    }
}
