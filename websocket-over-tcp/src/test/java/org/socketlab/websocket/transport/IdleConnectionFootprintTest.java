package org.socketlab.websocket.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.ResourceProbe;

/**
 * Issue 19: an idle connection owns as little as possible. Its reader blocks on a small buffer
 * (a pooled 16 KiB one is borrowed only while bytes are waiting) and it owns no writer thread:
 * one is started when bytes queue up and ends when the queue has been idle for a second.
 */
@Timeout(60)
class IdleConnectionFootprintTest {

    private static final int IDLE = 40;

    private WebSocketServer server;
    private final List<RawWebSocket> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (RawWebSocket client : clients) {
            client.close();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    private static final Pattern WRITER_THREAD = Pattern.compile("\"name\": \"ws-\\d+-writer\"");

    /** Live writer threads (virtual ones included: read from a JSON thread dump). */
    private static int writerThreads() {
        try {
            Path dump = Files.createTempFile("threads", ".json");
            Files.delete(dump); // dumpThreads refuses to overwrite
            try {
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                return (int) WRITER_THREAD.matcher(Files.readString(dump)).results().count();
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers "burst" with 50 queued (asynchronous) messages: work for a writer thread. */
    private static final class BurstHandler implements WebSocketHandler {
        @Override
        public void onText(Session session, String text) {
            for (int i = 0; i < 50; i++) {
                session.sendTextAsync("message " + i);
            }
        }
    }

    @Test
    void idleConnectionsOwnOnlyTheirReader_andAWriterComesAndGoesWithQueuedBytes() throws IOException {
        server = WebSocketServer.builder().endpoint("/", new BurstHandler()).start();
        int before = ResourceProbe.connectionThreads();
        for (int i = 0; i < IDLE; i++) {
            clients.add(RawWebSocket.connect(server.port(), "/"));
        }
        boolean settled = ResourceProbe.await(Duration.ofSeconds(10),
                () -> ResourceProbe.connectionThreads() - before == IDLE);
        assertThat(ResourceProbe.connectionThreads() - before)
                .as("threads of %d idle connections: one reader each, no writer (settled: %s)", IDLE, settled)
                .isEqualTo(IDLE);
        assertThat(writerThreads()).as("writer threads of %d idle connections", IDLE).isZero();

        RawWebSocket busy = clients.get(0);
        busy.sendText("burst");
        for (int i = 0; i < 50; i++) {
            assertThat(busy.readMessage().text()).isEqualTo("message " + i);
        }
        boolean writerGone = ResourceProbe.await(Duration.ofSeconds(10), () -> writerThreads() == 0);
        assertThat(writerGone).as("the writer thread ends once its queue has been idle (writers now %d, expected 0)",
                writerThreads()).isTrue();
        busy.sendText("burst");
        assertThat(busy.readMessage().text()).as("a new writer starts for the next burst").isEqualTo("message 0");
    }
}
