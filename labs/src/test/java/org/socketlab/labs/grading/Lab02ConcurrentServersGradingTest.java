package org.socketlab.labs.grading;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.grading.GradingAssertions.Scenario;
import org.socketlab.tcp.ConcurrencyStrategy;
import org.socketlab.tcp.ConnectionHandler;
import org.socketlab.tcp.EchoClient;
import org.socketlab.tcp.EchoHandler;
import org.socketlab.tcp.TcpServer;

/** Lab 02 — concurrent servers. Guide: labs/guides/02-concurrent-servers.md. */
@Timeout(30)
class Lab02ConcurrentServersGradingTest {

    private static final String GUIDE = "02-concurrent-servers.md";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static byte[] messageFor(int client) {
        return ("client " + client + " says hello").getBytes(StandardCharsets.UTF_8);
    }

    /** Fifty clients at once, each checks its own echo. */
    private static void fiftyClientsEcho(String strategyName, Supplier<ConcurrencyStrategy> strategy) throws Exception {
        Scenario scenario = GradingAssertions.scenario("50 concurrent echo clients, strategy " + strategyName,
                GUIDE, "Steps");
        try (TcpServer server = scenario.step("start TcpServer with strategy " + strategyName + ", backlog 100",
                () -> TcpServer.builder().backlog(100).strategy(strategy.get()).handler(new EchoHandler()).start());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<byte[]>> replies = new ArrayList<>();
            scenario.note("50 clients connect at once; each sends \"client N says hello\", half-closes, reads to the end");
            for (int i = 0; i < 50; i++) {
                byte[] message = messageFor(i);
                replies.add(clients.submit(() -> {
                    try (EchoClient client = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT)) {
                        return client.sendAndHalfClose(message);
                    }
                }));
            }
            for (int i = 0; i < 50; i++) {
                int client = i;
                byte[] echo = scenario.step("wait for client " + i + "'s echo",
                        () -> replies.get(client).get(20, TimeUnit.SECONDS));
                scenario.expectBytes("client " + i + "'s echo", messageFor(i), echo,
                        "each connection has its own socket; a handler must never mix up clients' bytes");
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your iterative server echoes correctly for 50 concurrent clients (one at a time)")
    void iterativeEchoes() throws Exception {
        fiftyClientsEcho("iterative", ConcurrencyStrategy::iterative);
    }

    @Test
    @Points(2)
    @DisplayName("Your thread-per-connection server echoes correctly for 50 concurrent clients")
    void threadPerConnectionEchoes() throws Exception {
        fiftyClientsEcho("thread-per-connection", ConcurrencyStrategy::threadPerConnection);
    }

    @Test
    @Points(2)
    @DisplayName("Your fixed-pool server (4 threads) echoes correctly for 50 concurrent clients")
    void fixedPoolEchoes() throws Exception {
        fiftyClientsEcho("fixed pool of 4", () -> ConcurrencyStrategy.fixedPool(4));
    }

    @Test
    @Points(2)
    @DisplayName("Your virtual-thread server echoes correctly for 50 concurrent clients")
    void virtualThreadsEcho() throws Exception {
        fiftyClientsEcho("virtual threads", ConcurrencyStrategy::virtualThreads);
    }

    @Test
    @Points(3)
    @DisplayName("Your iterative server serves the second client only after the first one disconnects")
    void iterativeSerialisesClients() throws Exception {
        Scenario scenario = GradingAssertions.scenario("clients A and B under the iterative strategy", GUIDE,
                "What the iterative server does to the second client");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        ConnectionHandler recording = socket -> {
            events.add("handler start for port " + socket.getPort());
            try {
                new EchoHandler().handle(socket);
            } finally {
                events.add("handler end for port " + socket.getPort());
            }
        };
        try (TcpServer server = scenario.step("start an iterative TcpServer that records handler start/end",
                () -> TcpServer.builder().strategy(ConcurrencyStrategy.iterative()).handler(recording).start());
             EchoClient a = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT);
             EchoClient b = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT);
             ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            int portA = a.socket().getLocalPort();
            int portB = b.socket().getLocalPort();
            scenario.note("connected A (port " + portA + ") and B (port " + portB + ")");
            scenario.step("A echoes \"A\" (so A's handler is running)", () -> a.echo("A".getBytes(StandardCharsets.UTF_8)));
            Future<byte[]> echoB = background.submit(() -> b.sendAndHalfClose("B".getBytes(StandardCharsets.UTF_8)));
            scenario.note("B sends \"B\" and waits for its echo in the background");
            events.add("test closes A");
            scenario.step("close A", a::close);
            byte[] reply = scenario.step("wait for B's echo", () -> echoB.get(10, TimeUnit.SECONDS));
            scenario.expectBytes("B's echo", "B".getBytes(StandardCharsets.UTF_8), reply, "B must be served eventually");
            int endA = events.indexOf("handler end for port " + portA);
            int startB = events.indexOf("handler start for port " + portB);
            int closeA = events.indexOf("test closes A");
            scenario.expectTrue("events in this order: " + events + " — B's handler started before A's ended"
                            + " or before A disconnected",
                    closeA < endA && endA < startB,
                    "an iterative server calls accept() again only after the current handler returned");
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your thread-per-connection server serves ten clients at the same time")
    void threadPerConnectionIsConcurrent() throws Exception {
        assertTenAtOnce("thread-per-connection", ConcurrencyStrategy::threadPerConnection);
    }

    @Test
    @Points(3)
    @DisplayName("Your virtual-thread server serves ten clients at the same time")
    void virtualThreadsAreConcurrent() throws Exception {
        assertTenAtOnce("virtual threads", ConcurrencyStrategy::virtualThreads);
    }

    /** Ten handlers must all be inside handle() at once to pass a barrier of ten. */
    private static void assertTenAtOnce(String name, Supplier<ConcurrencyStrategy> strategy) throws Exception {
        Scenario scenario = GradingAssertions.scenario("ten handlers meet at a barrier, strategy " + name, GUIDE,
                "Background");
        CyclicBarrier barrier = new CyclicBarrier(10);
        ConnectionHandler meeting = socket -> {
            try {
                barrier.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IOException("not all ten handlers were running at the same time", e);
            }
            new EchoHandler().handle(socket);
        };
        try (TcpServer server = scenario.step("start TcpServer (" + name + ") whose handler first waits at a barrier of 10",
                () -> TcpServer.builder().strategy(strategy.get()).handler(meeting).start());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<byte[]>> replies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] message = messageFor(i);
                replies.add(clients.submit(() -> {
                    try (EchoClient client = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT)) {
                        return client.sendAndHalfClose(message);
                    }
                }));
            }
            scenario.note("ten clients connected and sent a message");
            for (int i = 0; i < 10; i++) {
                int client = i;
                byte[] echo = scenario.step("wait for client " + i + "'s echo",
                        () -> replies.get(client).get(15, TimeUnit.SECONDS));
                scenario.expectBytes("client " + i + "'s echo", messageFor(i), echo,
                        "if handlers ran one after another, the barrier would time out and close the connections");
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your fixed pool of 2 threads never runs more than 2 handlers at once, yet serves all 10 clients")
    void fixedPoolBoundsConcurrency() throws Exception {
        Scenario scenario = GradingAssertions.scenario("10 clients, fixed pool of 2", GUIDE, "Background");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ConnectionHandler counting = socket -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                new EchoHandler().handle(socket);
            } finally {
                inside.decrementAndGet();
            }
        };
        try (TcpServer server = scenario.step("start TcpServer with ConcurrencyStrategy.fixedPool(2)",
                () -> TcpServer.builder().strategy(ConcurrencyStrategy.fixedPool(2)).handler(counting).start());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<byte[]>> replies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] message = messageFor(i);
                replies.add(clients.submit(() -> {
                    try (EchoClient client = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT)) {
                        return client.sendAndHalfClose(message);
                    }
                }));
            }
            for (int i = 0; i < 10; i++) {
                int client = i;
                scenario.step("wait for client " + i + "'s echo", () -> replies.get(client).get(15, TimeUnit.SECONDS));
            }
        }
        scenario.expectTrue("at most " + most.get() + " handlers ran at once; expected between 1 and 2",
                most.get() >= 1 && most.get() <= 2, "a pool of N threads runs at most N handlers; the rest wait in its queue");
    }

    @Test
    @Points(4)
    @DisplayName("Your virtual-thread server holds 1,000 open connections at once")
    void virtualThreadsHoldAThousandConnections() throws Exception {
        Scenario scenario = GradingAssertions.scenario("1,000 idle connections", GUIDE, "Virtual threads");
        List<Socket> sockets = new ArrayList<>();
        TcpServer server = scenario.step("start TcpServer (virtual threads, backlog 1024)",
                () -> TcpServer.builder().backlog(1024).strategy(ConcurrencyStrategy.virtualThreads())
                        .handler(new EchoHandler()).start());
        try {
            scenario.step("open 1,000 connections, write 1 byte on each, read each echo", () -> {
                for (int i = 0; i < 1000; i++) {
                    Socket socket = new Socket();
                    sockets.add(socket);
                    socket.setSoTimeout((int) TIMEOUT.toMillis());
                    socket.connect(server.localAddress(), (int) TIMEOUT.toMillis());
                }
                for (Socket socket : sockets) {
                    socket.getOutputStream().write(7);
                }
                for (Socket socket : sockets) {
                    if (socket.getInputStream().read() != 7) {
                        throw new IOException("a connection did not echo its byte");
                    }
                }
            });
            scenario.expectEquals("server.activeConnections()", 1000, server.activeConnections(),
                    "every echoed connection is still open, so its handler is still running");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            server.stop(TIMEOUT);
        }
    }

    @Test
    @Points(3)
    @DisplayName("Stopping your server lets an in-flight echo finish")
    void gracefulStopFinishesInFlightEcho() throws Exception {
        Scenario scenario = GradingAssertions.scenario("stop() while a client is mid-conversation", GUIDE, "Graceful stop");
        TcpServer server = scenario.step("start TcpServer (virtual threads)",
                () -> TcpServer.builder().handler(new EchoHandler()).start());
        try (EchoClient client = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT);
             ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            scenario.step("client echoes \"part one\"", () -> client.echo("part one".getBytes(StandardCharsets.UTF_8)));
            Future<Boolean> stopped = background.submit(() -> server.stop(Duration.ofSeconds(10)));
            scenario.step("another thread calls server.stop(10 s); wait until the listening socket is closed", () -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (server.isRunning() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (server.isRunning()) {
                    throw new TimeoutException("isRunning() still true 5 s after stop() was called");
                }
            });
            byte[] rest = scenario.step("client sends \"part two\", half-closes and reads to the end",
                    () -> client.sendAndHalfClose("part two".getBytes(StandardCharsets.UTF_8)));
            scenario.expectBytes("the rest of the echo", "part two".getBytes(StandardCharsets.UTF_8), rest,
                    "graceful stop means: accept no one new, but let current conversations finish");
            boolean clean = scenario.step("wait for stop() to return", () -> stopped.get(10, TimeUnit.SECONDS));
            scenario.expectTrue("stop() returned false (it had to force-close connections)", clean,
                    "the only connection finished on its own within the grace period");
        }
    }
}
