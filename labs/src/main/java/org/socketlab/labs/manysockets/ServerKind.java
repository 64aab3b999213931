package org.socketlab.labs.manysockets;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.socketlab.tcp.ConcurrencyStrategy;
import org.socketlab.tcp.EchoHandler;
import org.socketlab.tcp.TcpServer;
import org.socketlab.tcp.nonblocking.SelectorEchoServer;

/** The three ways lab 16 serves the same echo. */
public enum ServerKind {
    /** Blocking {@code TcpServer}, one platform (OS) thread per connection. */
    PLATFORM("blocking, platform thread per connection"),
    /** Blocking {@code TcpServer}, one virtual thread per connection (the course's default). */
    VIRTUAL("blocking, virtual thread per connection"),
    /** {@code SelectorEchoServer}: non-blocking sockets, one event-loop thread for all. */
    SELECTOR("non-blocking, one selector thread");

    private final String description;

    ServerKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** A running echo server of this kind on loopback, port 0. */
    public RunningServer start() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (this == SELECTOR) {
            SelectorEchoServer server = SelectorEchoServer.start(loopback, 0, 4 * 1024, 100_000);
            return new RunningServer(server.port(), () -> server.stop(Duration.ofSeconds(5)));
        }
        TcpServer server = TcpServer.builder().host(loopback).port(0).backlog(4096)
                .strategy(this == PLATFORM ? ConcurrencyStrategy.threadPerConnection()
                        : ConcurrencyStrategy.virtualThreads())
                .handler(new EchoHandler()).start();
        return new RunningServer(server.port(), () -> server.stop(Duration.ofSeconds(5)));
    }

    /** A started server: its port and how to stop it. */
    public record RunningServer(int port, Runnable stopper) implements AutoCloseable {
        @Override
        public void close() {
            stopper.run();
        }
    }
}
