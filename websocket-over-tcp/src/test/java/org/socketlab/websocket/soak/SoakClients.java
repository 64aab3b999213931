package org.socketlab.websocket.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RawWebSocket.RawFrame;

/**
 * The load generator of {@link LoadSoakTest}: many raw WebSocket clients on virtual threads,
 * each sending sequence-numbered text messages in windows and checking that every echo comes
 * back exactly once and in order. A seeded share of the clients is killed abruptly (TCP reset
 * in the middle of the run) and another share misbehaves (invalid UTF-8 → must get 1007, an
 * unmasked frame → must get 1002). Runs in the test's JVM, or in a child JVM through
 * {@link #main} when one process would run out of file descriptors (each loopback connection
 * costs two).
 */
public final class SoakClients {

    /** What one run is asked to do. */
    public record Plan(int port, int connections, int messages, long seconds, double killShare,
                       double misbehaveShare, long seed) {
    }

    /** What happened; every counter is exact. */
    public record Result(int connected, int connectFailures, long messagesSent, long echoesVerified, int killed,
                         int misbehaved, int misbehavedGotTheRightCode, int cleanCloses, List<String> problems) {

        String toLine() {
            return "RESULT connected=%d connectFailures=%d messagesSent=%d echoesVerified=%d killed=%d misbehaved=%d right=%d clean=%d problems=%d"
                    .formatted(connected, connectFailures, messagesSent, echoesVerified, killed, misbehaved,
                            misbehavedGotTheRightCode, cleanCloses, problems.size());
        }
    }

    private enum Role { NORMAL, KILLED, BAD_UTF8, UNMASKED }

    private static final int WINDOW = 8;
    private static final int CONNECT_CONCURRENCY = 128;

    private final Plan plan;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong killed = new AtomicLong();
    private final AtomicLong misbehaved = new AtomicLong();
    private final AtomicLong rightCode = new AtomicLong();
    private final AtomicLong clean = new AtomicLong();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    public SoakClients(Plan plan) {
        this.plan = plan;
    }

    /**
     * Connects every client, calls {@code allConnected} (the caller measures memory there while
     * every connection is held), then runs the exchange and returns the tally.
     */
    public Result run(Runnable allConnected) throws InterruptedException {
        Random random = new Random(plan.seed());
        Role[] roles = new Role[plan.connections()];
        for (int i = 0; i < roles.length; i++) {
            double r = random.nextDouble();
            roles[i] = r < plan.killShare() ? Role.KILLED
                    : r < plan.killShare() + plan.misbehaveShare() / 2 ? Role.BAD_UTF8
                    : r < plan.killShare() + plan.misbehaveShare() ? Role.UNMASKED : Role.NORMAL;
        }
        RawWebSocket[] sockets = connectAll();
        int connected = 0;
        for (RawWebSocket socket : sockets) {
            connected += socket == null ? 0 : 1;
        }
        allConnected.run();
        long deadline = plan.seconds() > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.seconds()) : 0;
        CountDownLatch done = new CountDownLatch(sockets.length);
        for (int i = 0; i < sockets.length; i++) {
            int id = i;
            Thread.ofVirtual().name("soak-client-" + id).start(() -> {
                try {
                    if (sockets[id] != null) {
                        exchange(id, roles[id], sockets[id], deadline);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(plan.seconds() + 300, TimeUnit.SECONDS)) {
            problems.add("clients did not finish within " + (plan.seconds() + 300) + " s");
        }
        return new Result(connected, sockets.length - connected, sent.get(), verified.get(), (int) killed.get(),
                (int) misbehaved.get(), (int) rightCode.get(), (int) clean.get(), List.copyOf(problems));
    }

    private RawWebSocket[] connectAll() throws InterruptedException {
        RawWebSocket[] sockets = new RawWebSocket[plan.connections()];
        Semaphore inFlight = new Semaphore(CONNECT_CONCURRENCY);
        CountDownLatch connected = new CountDownLatch(sockets.length);
        for (int i = 0; i < sockets.length; i++) {
            int id = i;
            inFlight.acquire();
            Thread.ofVirtual().start(() -> {
                try {
                    sockets[id] = RawWebSocket.connect(plan.port(), "/");
                    sockets[id].socket().setSoTimeout(60_000);
                } catch (IOException | AssertionError e) {
                    problems.add("client " + id + " could not connect: " + e);
                } finally {
                    inFlight.release();
                    connected.countDown();
                }
            });
        }
        connected.await();
        return sockets;
    }

    private void exchange(int id, Role role, RawWebSocket ws, long deadline) {
        try (ws) {
            int half = Math.max(1, plan.messages() / 2);
            switch (role) {
                case NORMAL -> {
                    echoLoop(id, ws, plan.messages(), deadline);
                    ws.sendClose(1000, "done");
                    if (ws.expectCloseAndTcpClose().closeCode() == 1000) {
                        clean.incrementAndGet();
                    }
                }
                case KILLED -> {
                    echoLoop(id, ws, half, 0);
                    byte[] frame = RawWebSocket.frame(true, 0, 0x1, "cut off mid-frame".getBytes(StandardCharsets.UTF_8), true);
                    ws.sendRaw(java.util.Arrays.copyOf(frame, 5));
                    ws.socket().setSoLinger(true, 0); // RST, not FIN
                    killed.incrementAndGet();
                }
                case BAD_UTF8 -> misbehave(id, ws, half, 1007,
                        RawWebSocket.frame(true, 0, 0x1, new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}, true));
                case UNMASKED -> misbehave(id, ws, half, 1002,
                        RawWebSocket.frame(true, 0, 0x1, "unmasked".getBytes(StandardCharsets.UTF_8), false));
            }
        } catch (IOException | RuntimeException | AssertionError e) {
            problems.add("client " + id + " (" + role + "): " + e);
        }
    }

    private void misbehave(int id, RawWebSocket ws, int before, int expectedCode, byte[] badFrame) throws IOException {
        echoLoop(id, ws, before, 0);
        ws.sendRaw(badFrame);
        misbehaved.incrementAndGet();
        RawFrame close = ws.expectCloseAndTcpClose();
        if (close.closeCode() == expectedCode) {
            rightCode.incrementAndGet();
        } else {
            problems.add("client " + id + " expected close " + expectedCode + ", got " + close.closeCode());
        }
    }

    /** Windows of {@link #WINDOW} messages; every echo must be the next expected one. */
    private void echoLoop(int id, RawWebSocket ws, int messages, long deadline) throws IOException {
        int seq = 0;
        while (deadline > 0 ? System.nanoTime() < deadline : seq < messages) {
            int window = deadline > 0 ? WINDOW : Math.min(WINDOW, messages - seq);
            for (int k = 0; k < window; k++) {
                ws.sendText("c" + id + ":" + (seq + k));
                sent.incrementAndGet();
            }
            for (int k = 0; k < window; k++) {
                String expected = "c" + id + ":" + (seq + k);
                String got = ws.readFrame().text();
                if (!got.equals(expected)) {
                    throw new AssertionError("expected echo " + expected + " (lost, duplicated or reordered), got " + got);
                }
                verified.incrementAndGet();
            }
            seq += window;
        }
    }

    /**
     * Child-JVM entry: {@code SoakClients port connections messages seconds killShare misbehaveShare seed}.
     * Prints {@code CONNECTED n}, waits for a line on stdin (the parent measures), runs, prints
     * {@code RESULT ...} and each problem.
     */
    public static void main(String[] args) throws Exception {
        Plan plan = new Plan(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Long.parseLong(args[3]), Double.parseDouble(args[4]), Double.parseDouble(args[5]), Long.parseLong(args[6]));
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Result result = new SoakClients(plan).run(() -> {
            System.out.println("CONNECTED");
            System.out.flush();
            try {
                stdin.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        System.out.println(result.toLine());
        new ArrayList<>(result.problems()).stream().limit(20).forEach(p -> System.out.println("PROBLEM " + p));
        System.out.flush();
    }
}
