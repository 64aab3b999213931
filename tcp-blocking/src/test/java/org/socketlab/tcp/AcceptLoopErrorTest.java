package org.socketlab.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17 item 2: an {@link Error} on the accept thread (an {@code OutOfMemoryError} under a
 * flood, seen three times) used to end the accept loop for good — a live process that accepts
 * nothing. Each test injects one such error at a different place on the accept thread and shows
 * that the next client is still served, and that nothing leaks.
 */
@Timeout(30)
class AcceptLoopErrorTest {

    /** Throws an {@code OutOfMemoryError} the first time it is called, then does nothing. */
    private static final class OneError {
        private final AtomicBoolean thrown = new AtomicBoolean();

        void maybeThrow(String where) {
            if (thrown.compareAndSet(false, true)) {
                throw new OutOfMemoryError("injected by the test in " + where);
            }
        }

        boolean happened() {
            return thrown.get();
        }
    }

    @Test
    void anErrorThrownByAccept_doesNotStopTheLoop() throws IOException {
        OneError error = new OneError();
        ServerSocketFactory failingOnce = new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new ServerSocket() {
                    @Override
                    public Socket accept() throws IOException {
                        error.maybeThrow("accept()");
                        return super.accept();
                    }
                };
            }

            @Override
            public ServerSocket createServerSocket(int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address) {
                throw new UnsupportedOperationException();
            }
        };
        try (TcpServer server = TcpServer.builder().serverSocketFactory(failingOnce).handler(new EchoHandler()).start()) {
            assertThat(echo(server, "after an error in accept")).isEqualTo("after an error in accept");
            assertThat(error.happened()).as("the error was injected").isTrue();
            assertThat(server.acceptLoopErrors()).as("errors the accept loop survived").isEqualTo(1);
        }
    }

    @Test
    void anErrorThrownWhileDispatching_closesThatSocket_andTheNextClientIsServed() throws IOException {
        OneError error = new OneError();
        ConcurrencyStrategy virtual = ConcurrencyStrategy.virtualThreads();
        ConcurrencyStrategy failingOnce = new ConcurrencyStrategy() {
            @Override
            public String name() {
                return "fails-once";
            }

            @Override
            public void dispatch(Runnable connectionTask) {
                error.maybeThrow("dispatch()"); // e.g. "unable to create native thread"
                virtual.dispatch(connectionTask);
            }

            @Override
            public void shutdown() {
                virtual.shutdown();
            }

            @Override
            public boolean awaitTermination(Duration timeout) throws InterruptedException {
                return virtual.awaitTermination(timeout);
            }
        };
        try (TcpServer server = TcpServer.builder().strategy(failingOnce).handler(new EchoHandler())
                .maxConnections(1, socket -> { }).start()) {
            try (Socket victim = connect(server)) {
                assertThat(victim.getInputStream().read()).as("the connection that met the error is closed").isEqualTo(-1);
            }
            // maxConnections 1: a slot leaked by the failed dispatch would send this one to overflow.
            assertThat(echo(server, "after an error in dispatch")).isEqualTo("after an error in dispatch");
            assertThat(error.happened()).isTrue();
            assertThat(server.acceptLoopErrors()).as("errors the accept loop survived").isEqualTo(1);
        }
    }

    @Test
    void anErrorThrownByAHandlerOnTheAcceptThread_doesNotStopTheIterativeServer() throws IOException {
        OneError error = new OneError();
        ConnectionHandler failingOnce = socket -> {
            error.maybeThrow("the handler");
            new EchoHandler().handle(socket);
        };
        try (TcpServer server = TcpServer.builder().strategy(ConcurrencyStrategy.iterative())
                .handler(failingOnce).start()) {
            try (Socket victim = connect(server)) {
                assertThat(victim.getInputStream().read()).as("the connection that met the error is closed").isEqualTo(-1);
            }
            assertThat(echo(server, "after an error in a handler")).isEqualTo("after an error in a handler");
        }
    }

    private static Socket connect(TcpServer server) throws IOException {
        Socket socket = new Socket(server.localAddress().getAddress(), server.port());
        socket.setSoTimeout(5_000); // an accept loop that died would leave this read waiting forever
        return socket;
    }

    private static String echo(TcpServer server, String text) throws IOException {
        try (Socket socket = connect(server)) {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
