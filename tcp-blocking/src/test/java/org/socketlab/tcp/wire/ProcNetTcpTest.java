package org.socketlab.tcp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ProcNetTcpTest {

    @Nested
    class ParsingTheTables {

        private static final String TCP = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F90 00000000:0000 0A 00000000:00000002 00:00000000 00000000  1000        0 41772 1 0 100 0 0 10 0
                   1: 0100007F:C350 0100007F:1F90 01 00000005:00000000 00:00000000 00000000  1000        0 41999 1 0 20 4 30 10 -1
                   2: 0100007F:C351 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0
                """;
        private static final String TCP6 = """
                  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0000000000000000FFFF00000100007F:2329 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5001 1 0 100 0 0 10 0
                   1: 00000000000000000000000001000000:2329 00000000000000000000000001000000:D431 08 00000000:00000000 00:00000000 00000000  1000        0 5002 1 0 20 4 30 10 -1
                """;

        @BeforeEach
        void littleEndianHost() {
            // The fixtures were captured on x86-64; a big-endian host prints the words the other way round.
            assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "fixtures are from a little-endian host");
        }

        @Test
        void ipv4AddressesAreLittleEndianWords_portsAreBigEndianHex() {
            List<TcpSocketEntry> entries = ProcNetTcp.parse(TCP);
            assertThat(entries).hasSize(3);
            TcpSocketEntry listening = entries.get(0);
            assertThat(listening.local().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(listening.local().getPort()).isEqualTo(8080);
            assertThat(listening.state()).isEqualTo(TcpState.LISTEN);
            assertThat(listening.recvQueue()).as("connections waiting for accept()").isEqualTo(2);
            assertThat(entries.get(1).state()).isEqualTo(TcpState.ESTABLISHED);
            assertThat(entries.get(1).sendQueue()).isEqualTo(5);
            assertThat(entries.get(1).remote().getPort()).isEqualTo(8080);
            assertThat(entries.get(2).state()).isEqualTo(TcpState.TIME_WAIT);
            assertThat(entries.get(2).inode()).as("TIME_WAIT belongs to no process").isZero();
        }

        @Test
        void ipv6TableHoldsMappedIpv4AndLoopback() {
            List<TcpSocketEntry> entries = ProcNetTcp.parse(TCP6);
            assertThat(entries).extracting(entry -> entry.local().getAddress().getHostAddress())
                    .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(entries).extracting(TcpSocketEntry::state).containsExactly(TcpState.LISTEN, TcpState.CLOSE_WAIT);
            assertThat(entries.get(1).remote().getPort()).isEqualTo(0xD431);
        }

        @Test
        void unparsableRowsAreSkipped() {
            assertThat(ProcNetTcp.parse("garbage\n 0: nothex:zz 00000000:0000 0A 0:0 0 0 0 0 0\n")).isEmpty();
        }

        @Test
        void tableForAPortFiltersAndExplainsStates(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("tcp"), TCP);
            List<String> table = TcpStatesMain.render(new ProcNetTcp(dir), 8080);
            assertThat(String.join("\n", table))
                    .contains("TCP sockets on port 8080 (3)")
                    .contains("LISTEN").contains("2 connection(s) in the accept queue waiting for accept()")
                    .contains("ESTABLISHED").contains("TIME_WAIT");
        }

        @Test
        void ipv6AddressesAreShownCompressedInBrackets() throws Exception {
            assertThat(TcpStatesMain.text(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::"), 0))).isEqualTo("[::]:0");
            assertThat(TcpStatesMain.text(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), 80))).isEqualTo("[::1]:80");
            assertThat(TcpStatesMain.text(new java.net.InetSocketAddress(java.net.InetAddress.getByName("fe80:0:0:1:0:0:0:2"), 1)))
                    .isEqualTo("[fe80:0:0:1::2]:1");
        }

        @Test
        void withoutProcNetTcp_theViewSaysUnavailableInsteadOfFailing(@TempDir Path dir) throws IOException {
            ProcNetTcp proc = new ProcNetTcp(dir.resolve("no-such-dir"));
            assertThat(proc.isAvailable()).isFalse();
            assertThat(proc.forPort(80)).isEmpty();
            assertThat(TcpStatesMain.render(proc, 80)).singleElement().asString()
                    .startsWith("TCP state view unavailable").contains("Linux-only");
        }
    }

    /** Real sockets, read back from the kernel's tables (Linux only). */
    @Nested
    class LiveKernelStates {

        private final ProcNetTcp proc = new ProcNetTcp();
        private final InetAddress loopback = InetAddress.getLoopbackAddress();

        @BeforeEach
        void linuxOnly() {
            assumeTrue(proc.isAvailable(), "/proc/net/tcp exists only on Linux");
        }

        @Test
        void boundServerSocket_isListen_andUnacceptedConnectionsFillTheAcceptQueue() throws Exception {
            try (ServerSocket listening = new ServerSocket(0, 10, loopback);
                 Socket first = new Socket(loopback, listening.getLocalPort());
                 Socket second = new Socket(loopback, listening.getLocalPort())) {
                int port = listening.getLocalPort();
                // Nobody called accept(): the kernel finished both handshakes and queued them.
                awaitEntry(port, entry -> entry.state() == TcpState.LISTEN && entry.local().getPort() == port
                        && entry.recvQueue() == 2, "LISTEN with 2 connections in the accept queue");
                awaitEntry(port, entry -> entry.state() == TcpState.ESTABLISHED
                        && entry.local().getPort() == first.getLocalPort(), "the first client ESTABLISHED");
            }
        }

        @Test
        void activeCloseGoesThroughFinWaitToTimeWait_passiveSideIsCloseWait() throws Exception {
            try (ServerSocket listening = new ServerSocket(0, 10, loopback)) {
                int port = listening.getLocalPort();
                listening.setSoTimeout(5_000);
                Socket client = new Socket(loopback, port);
                try (Socket accepted = listening.accept()) {
                    int clientPort = client.getLocalPort();
                    awaitEntry(port, entry -> entry.local().getPort() == clientPort
                            && entry.state() == TcpState.ESTABLISHED, "the client ESTABLISHED");
                    client.close();                                           // active close: FIN from the client
                    awaitEntry(port, entry -> entry.local().getPort() == clientPort
                            && Set.of(TcpState.FIN_WAIT1, TcpState.FIN_WAIT2).contains(entry.state()), "client FIN_WAIT");
                    awaitEntry(port, entry -> entry.local().getPort() == port && entry.remote().getPort() == clientPort
                            && entry.state() == TcpState.CLOSE_WAIT, "server side CLOSE_WAIT");
                }                                                             // server closes too
                awaitEntry(port, entry -> entry.local().getPort() == clientPort(client)
                        && entry.state() == TcpState.TIME_WAIT, "client TIME_WAIT after both FINs");
            }
        }

        @Test
        void demoWalksThroughEveryState() throws Exception {
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            java.io.PrintStream original = System.out;
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                TcpStatesDemo.main(new String[0]);
            } finally {
                System.setOut(original);
            }
            String output = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(output).as(output).contains("LISTEN", "2 connection(s) in the accept queue", "FIN_WAIT2", "CLOSE_WAIT",
                    "TIME_WAIT").doesNotContain("did not show");
        }

        private static int clientPort(Socket closed) {
            return closed.getLocalPort();                                     // still known after close()
        }

        private void awaitEntry(int port, Predicate<TcpSocketEntry> wanted, String description) throws IOException {
            // Kernel state changes are not under our control: poll /proc with a bounded deadline.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            List<TcpSocketEntry> entries;
            do {
                entries = proc.forPort(port).orElseThrow();
                if (entries.stream().anyMatch(wanted)) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            } while (System.nanoTime() < deadline);
            assertThat(entries.stream().map(Object::toString).collect(Collectors.joining("\n")))
                    .as("expected %s on port %d within 5 s; the sockets were", description, port).isEqualTo("");
        }
    }
}
