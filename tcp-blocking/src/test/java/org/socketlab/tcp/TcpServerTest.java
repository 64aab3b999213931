package org.socketlab.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class TcpServerTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    static Stream<StrategyCase> strategies() {
        return StrategyCase.all();
    }

    static Stream<StrategyCase> concurrentStrategies() {
        return StrategyCase.concurrentOnes();
    }

    static TcpServer echoServer(ConcurrencyStrategy strategy) throws IOException {
        return TcpServer.builder().port(0).backlog(256).strategy(strategy).handler(new EchoHandler()).start();
    }

    static EchoClient connect(TcpServer server) throws IOException {
        return EchoClient.connect(server.localAddress(), CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    static byte[] messageFor(int client, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (client * 31 + i);
        }
        return bytes;
    }

    @Nested
    class Binding {

        @Test
        void portZero_bindsAnEphemeralPortAndReportsIt() throws IOException {
            try (TcpServer server = echoServer(ConcurrencyStrategy.virtualThreads())) {
                assertThat(server.port()).isBetween(1, 65_535);
                assertThat(server.localAddress().getPort()).isEqualTo(server.port());
                assertThat(server.localAddress().getAddress().isLoopbackAddress()).isTrue();
                try (EchoClient client = connect(server)) {
                    assertThat(client.echo("ping".getBytes(StandardCharsets.UTF_8))).asString().isEqualTo("ping");
                }
            }
        }

        @Test
        void portInUse_failsToStartAndLeaksNothing() throws IOException {
            try (ServerSocket occupant = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                long before = ResourceCounter.openFileDescriptors();
                assertThatThrownBy(() -> TcpServer.builder().port(occupant.getLocalPort()).reuseAddress(false)
                        .handler(new EchoHandler()).start())
                        .isInstanceOf(java.net.BindException.class);
                assertThat(ResourceCounter.openFileDescriptors()).isEqualTo(before);
            }
        }

        @Test
        void builderRejectsCallerMistakes() {
            assertThatThrownBy(() -> TcpServer.builder().port(70_000))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
            assertThatThrownBy(() -> TcpServer.builder().backlog(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backlog");
            assertThatThrownBy(() -> TcpServer.builder().readTimeout(Duration.ofDays(30)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SO_TIMEOUT");
            assertThatThrownBy(() -> TcpServer.builder().readTimeout(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TcpServer.builder().start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("handler");
        }
    }

    @Nested
    class EchoUnderEveryStrategy {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.socketlab.tcp.TcpServerTest#strategies")
        void oneClient_getsEveryByteBack(StrategyCase strategy) throws IOException {
            byte[] message = messageFor(1, 256 * 1024);
            try (TcpServer server = echoServer(strategy.create()); EchoClient client = connect(server)) {
                assertThat(client.sendAndHalfClose(message)).isEqualTo(message);
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.socketlab.tcp.TcpServerTest#strategies")
        void twoHundredConcurrentClients_eachGetTheirOwnBytesBack(StrategyCase strategy) throws Exception {
            int clients = 200;
            try (TcpServer server = echoServer(strategy.create());
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<byte[]>> replies = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    byte[] message = messageFor(i, 1024);
                    replies.add(pool.submit(() -> {
                        try (EchoClient client = connect(server)) {
                            return client.sendAndHalfClose(message);
                        }
                    }));
                }
                for (int i = 0; i < clients; i++) {
                    assertThat(replies.get(i).get(20, TimeUnit.SECONDS))
                            .as("echo for client %d", i).isEqualTo(messageFor(i, 1024));
                }
                assertThat(server.acceptedConnections()).isEqualTo(clients);
            }
        }
    }

    @Nested
    class IterativeServer {

        /**
         * Proof by ordering: B connects and sends while A is being served; B's handler can
         * only start after A's handler ended, and B's echo arrives only after A closed.
         */
        @Test
        @SuppressWarnings("try")          // closing `first` early is the point of the test
        void secondClientIsServedOnlyAfterTheFirstDisconnects() throws Exception {
            List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
            ConnectionHandler recording = socket -> {
                String who = "client:" + socket.getPort();
                events.add("start " + who);
                try {
                    new EchoHandler().handle(socket);
                } finally {
                    events.add("end " + who);
                }
            };
            try (TcpServer server = TcpServer.builder().strategy(ConcurrencyStrategy.iterative())
                    .handler(recording).start();
                 EchoClient first = connect(server);
                 EchoClient second = connect(server);
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                String a = "client:" + first.socket().getLocalPort();
                String b = "client:" + second.socket().getLocalPort();
                assertThat(first.echo("A".getBytes(StandardCharsets.UTF_8))).asString().isEqualTo("A");

                Future<byte[]> secondReply = pool.submit(() -> {
                    byte[] reply = second.sendAndHalfClose("B".getBytes(StandardCharsets.UTF_8));
                    events.add("echoed " + b);
                    return reply;
                });
                events.add("closing " + a);
                first.close();

                assertThat(secondReply.get(10, TimeUnit.SECONDS)).asString().isEqualTo("B");
                assertThat(events).containsSubsequence("start " + a, "closing " + a, "end " + a,
                        "start " + b, "echoed " + b);
                assertThat(events.indexOf("start " + b)).isGreaterThan(events.indexOf("end " + a));
            }
        }

        @Test
        void neverRunsTwoHandlersAtOnce() throws Exception {
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger maxInFlight = new AtomicInteger();
            ConnectionHandler counting = socket -> {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    new EchoHandler().handle(socket);
                } finally {
                    inFlight.decrementAndGet();
                }
            };
            try (TcpServer server = TcpServer.builder().backlog(64).strategy(ConcurrencyStrategy.iterative())
                    .handler(counting).start();
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<byte[]>> replies = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    byte[] message = messageFor(i, 100);
                    replies.add(pool.submit(() -> {
                        try (EchoClient client = connect(server)) {
                            return client.sendAndHalfClose(message);
                        }
                    }));
                }
                for (Future<byte[]> reply : replies) {
                    reply.get(20, TimeUnit.SECONDS);
                }
            }
            assertThat(maxInFlight.get()).isEqualTo(1);
        }
    }

    @Nested
    class ConcurrentServers {

        /** Ten handlers meet at a barrier: only possible if all ten run at the same time. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("org.socketlab.tcp.TcpServerTest#concurrentStrategies")
        void tenClientsAreServedAtTheSameTime(StrategyCase strategy) throws Exception {
            int clients = 10;
            CyclicBarrier allInside = new CyclicBarrier(clients);
            ConnectionHandler meeting = socket -> {
                try {
                    allInside.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IOException("handlers did not run concurrently", e);
                }
                new EchoHandler().handle(socket);
            };
            try (TcpServer server = TcpServer.builder().strategy(strategy.create()).handler(meeting).start();
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<byte[]>> replies = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    byte[] message = messageFor(i, 10);
                    replies.add(pool.submit(() -> {
                        try (EchoClient client = connect(server)) {
                            return client.sendAndHalfClose(message);
                        }
                    }));
                }
                for (int i = 0; i < clients; i++) {
                    assertThat(replies.get(i).get(15, TimeUnit.SECONDS)).isEqualTo(messageFor(i, 10));
                }
            }
        }
    }

    @Nested
    class GracefulStop {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.socketlab.tcp.TcpServerTest#strategies")
        void inFlightEchoCompletesWhileNewConnectionsAreRefused(StrategyCase strategy) throws Exception {
            TcpServer server = echoServer(strategy.create());
            InetSocketAddress address = server.localAddress();
            try (EchoClient client = connect(server);
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                assertThat(client.echo("first half, ".getBytes(StandardCharsets.UTF_8)))
                        .asString().isEqualTo("first half, ");

                Future<Boolean> stopped = pool.submit(() -> server.stop(Duration.ofSeconds(10)));
                awaitStopping(server);
                assertThat(connectUntilRefused(address))
                        .as("connect() is refused once stop() has closed the listening socket")
                        .isInstanceOf(ConnectException.class);

                byte[] rest = client.sendAndHalfClose("second half".getBytes(StandardCharsets.UTF_8));
                assertThat(rest).asString().isEqualTo("second half");
                assertThat(stopped.get(10, TimeUnit.SECONDS)).as("finished within the grace period").isTrue();
                assertThat(server.activeConnections()).isZero();
            }
        }

        @Test
        void connectionsStillOpenAfterTheGracePeriodAreClosed() throws Exception {
            TcpServer server = echoServer(ConcurrencyStrategy.virtualThreads());
            try (EchoClient idle = connect(server)) {
                idle.echo("x".getBytes(StandardCharsets.UTF_8));
                assertThat(server.stop(Duration.ofMillis(100))).isFalse();
                assertThat(server.activeConnections()).isZero();
                assertThat(idle.socket().getInputStream().read()).as("server closed its side").isEqualTo(-1);
            }
        }

        @Test
        void stopIsIdempotent() throws IOException {
            TcpServer server = echoServer(ConcurrencyStrategy.virtualThreads());
            assertThat(server.stop(Duration.ofSeconds(1))).isTrue();
            assertThat(server.stop(Duration.ofSeconds(1))).isTrue();
            assertThat(server.isRunning()).isFalse();
        }

        /**
         * The JDK closes a listening socket's descriptor only after the thread blocked in
         * accept() has woken up, so a connect() racing with stop() may still land in the
         * backlog; such a connection is reset. Retries until the refusal arrives.
         */
        private static Throwable connectUntilRefused(InetSocketAddress address) throws TimeoutException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                try {
                    EchoClient.connect(address, CONNECT_TIMEOUT, READ_TIMEOUT).close();
                } catch (ConnectException refused) {
                    return refused;
                } catch (IOException racedWithStop) {
                    // A connect that raced with stop() may time out or be reset; try again.
                }
            }
            throw new TimeoutException("connections were still accepted 15 s after stop() began");
        }

        private static void awaitStopping(TcpServer server) throws TimeoutException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.isRunning()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("stop() did not begin");
                }
                Thread.onSpinWait();
            }
        }
    }

    @Nested
    class NoLeaks {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.socketlab.tcp.TcpServerTest#strategies")
        void stopReleasesEveryThreadAndDescriptor(StrategyCase strategy) throws Exception {
            runTwentyClients(strategy.create());                 // warm up class loading and pollers
            ResourceCounter before = ResourceCounter.snapshot();

            runTwentyClients(strategy.create());

            assertThat(before.newThreadsStillAlive("tcp-", Duration.ofSeconds(5)))
                    .as("threads started by the server and still alive after stop()").isEmpty();
            if (ResourceCounter.canCountFileDescriptors()) {
                assertThat(ResourceCounter.openFileDescriptors())
                        .as("open file descriptors after stop() (before: %d)", before.fileDescriptors())
                        .isLessThanOrEqualTo(before.fileDescriptors());
            }
        }

        private void runTwentyClients(ConcurrencyStrategy strategy) throws Exception {
            TcpServer server = echoServer(strategy);
            List<Socket> idle = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<byte[]>> replies = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    replies.add(pool.submit(() -> {
                        try (EchoClient client = connect(server)) {
                            return client.sendAndHalfClose(messageFor(3, 64));
                        }
                    }));
                }
                for (Future<byte[]> reply : replies) {
                    reply.get(10, TimeUnit.SECONDS);
                }
                if (strategy instanceof ConcurrencyStrategy.ExecutorStrategy) {
                    // Idle connections that stop() must close by force.
                    for (int i = 0; i < 3; i++) {
                        idle.add(connect(server).socket());
                    }
                }
            } finally {
                server.stop(Duration.ofMillis(200));
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }
}
