package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpLimits;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.Allocations;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * Issue 17 item 1, body side: a request head that declares {@code Content-Length: 1048576} (the
 * default body limit) and then sends nothing must cost what arrived, not what was declared. The
 * parser grows the body buffer as bytes come in (RFC 9112 §6.3: the length is the peer's claim,
 * not a fact), and a length over the limit is refused (413) before anything is allocated.
 */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class DeclaredBodyLengthTest {

    private static final int LIMIT = HttpLimits.DEFAULT_MAX_BODY_BYTES;
    /** Silent connections of the over-the-wire attack; the long version runs 1000 (docs/reliability-limits.md). */
    private static final int ATTACKERS = Integer.getInteger("socketlab.hostile.silentBodies", 64);

    @StopAfterEach
    private WebSocketServer server;

    private static byte[] head(long contentLength) {
        return ("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aHeadDeclaringTheWholeBodyLimit_allocatesAlmostNothingUntilTheBodyArrives() throws HttpException {
        new HttpRequestParser().parse(ByteBuffer.wrap(head(LIMIT))); // warm-up: class loading is not the body's cost
        HttpRequestParser parser = new HttpRequestParser();
        ByteBuffer bytes = ByteBuffer.wrap(head(LIMIT));
        HttpRequest[] parsed = new HttpRequest[1];
        long allocated = Allocations.during(() -> parsed[0] = parser.parse(bytes));
        assertThat(parsed[0]).as("the body has not arrived, so no request yet").isNull();
        assertThat(allocated).as("bytes allocated for a head declaring a %d-byte body and no body byte", LIMIT)
                .isLessThan(64 * 1024);
    }

    @Test
    void aBodyThatTrickles_isAllocatedInProportionToWhatArrived() throws HttpException {
        HttpRequestParser parser = new HttpRequestParser();
        byte[] chunk = new byte[1000];
        long allocated = Allocations.during(() -> {
            assertThat(parser.parse(ByteBuffer.wrap(head(LIMIT)))).isNull();
            for (int i = 0; i < 10; i++) {
                assertThat(parser.parse(ByteBuffer.wrap(chunk))).isNull();
            }
        });
        assertThat(allocated).as("bytes allocated to hold a head and 10,000 body bytes of a declared %d", LIMIT)
                .isLessThan(64 * 1024);
    }

    @Test
    void aBodyInRandomPieces_isReassembledExactly_andBytesBehindItStayUnread() throws HttpException {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 20; round++) {
            byte[] body = new byte[random.nextInt(0, 300_000)];
            random.nextBytes(body);
            byte[] head = head(body.length);
            byte[] trailer = "GET /next HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer wire = ByteBuffer.allocate(head.length + body.length + trailer.length).put(head).put(body).put(trailer).flip();
            HttpRequestParser parser = new HttpRequestParser();
            HttpRequest request = null;
            while (request == null) {
                int piece = Math.min(wire.remaining(), random.nextInt(1, 70_000));
                ByteBuffer slice = wire.slice(wire.position(), piece);
                request = parser.parse(slice);
                wire.position(wire.position() + slice.position());
            }
            assertThat(Arrays.equals(request.body(), body))
                    .as("seed %d round %d: body of %d bytes reassembled", seed, round, body.length).isTrue();
            assertThat(wire.remaining()).as("seed %d: bytes after the body stay unread", seed)
                    .isEqualTo(trailer.length);
        }
    }

    @Test
    void aLengthOverTheLimit_is413BeforeAnyBodyByteIsRead() {
        for (int warmUp = 0; warmUp < 3; warmUp++) { // the first exception loads classes and fills stack traces
            assertThatThrownBy(() -> new HttpRequestParser().parse(ByteBuffer.wrap(head(Long.MAX_VALUE / 2))));
        }
        HttpRequestParser parser = new HttpRequestParser();
        assertThatThrownBy(() -> Allocations.during(
                () -> parser.parse(ByteBuffer.wrap(head(Long.MAX_VALUE / 2)))))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(Allocations.lastMeasured()).isLessThan(64 * 1024);
    }

    /**
     * The attack of the issue, over the wire: 64 connections (or {@code -Dsocketlab.hostile.silentBodies})
     * each declare a 1 MiB body and go silent. Before the fix they held 1 MiB of heap each until
     * the handshake deadline; now each costs what its head costs. A fresh WebSocket client is
     * served meanwhile.
     */
    @Test
    void silentDeclaredBodies_doNotFillTheHeap_andAFreshClientIsServed() throws Exception {
        server = WebSocketServer.builder().endpoint("/", new TestEchoHandler()).start();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        List<Socket> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < ATTACKERS; i++) {
                Socket attacker = new Socket(InetAddress.getLoopbackAddress(), server.port());
                OutputStream out = attacker.getOutputStream();
                out.write(head(LIMIT));
                out.flush();
                attackers.add(attacker);
            }
            try (RawWebSocket fresh = RawWebSocket.connect(server.port(), "/")) { // served meanwhile
                fresh.sendText("still here");
                assertThat(fresh.readMessage().text()).isEqualTo("still here");
            }
            long growth = usedAfterGc(memory) - before;
            assertThat(growth).as("heap growth while %d connections each declare a %d-byte body and send none",
                    ATTACKERS, LIMIT).isLessThan(ATTACKERS * (LIMIT / 3L));
        } finally {
            for (Socket attacker : attackers) {
                attacker.close();
            }
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    static {
        // Fail loudly rather than pass vacuously where the per-thread counter is missing.
        if (!Allocations.supported()) {
            throw new IllegalStateException("this JVM does not count allocations per thread");
        }
    }
}
