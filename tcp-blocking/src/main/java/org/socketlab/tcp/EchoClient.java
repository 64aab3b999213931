package org.socketlab.tcp;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A blocking echo client: connect with a timeout, read with a timeout, and half-close.
 *
 * <p>Writing and reading happen on two threads on purpose: if a client wrote a large message
 * completely before reading, both sides could fill their socket buffers and wait for each
 * other forever (the server blocks in write() because we do not read; we block in write()
 * because the server no longer reads).
 *
 * <p>Not thread-safe: one thread uses an {@code EchoClient} at a time.
 */
public final class EchoClient implements AutoCloseable {

    private final Socket socket;

    private EchoClient(Socket socket) {
        this.socket = socket;
    }

    /**
     * socket() + connect(): opens a connection.
     *
     * @param connectTimeout how long the 3-way handshake may take (zero: the OS default, minutes)
     * @param readTimeout    SO_TIMEOUT for every read (zero: wait forever)
     */
    public static EchoClient connect(SocketAddress server, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        Socket socket = new Socket();                     // socket(): not yet connected
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            // connect(): sends SYN and waits for SYN-ACK; ConnectException when refused,
            // SocketTimeoutException when nobody answers within connectTimeout.
            socket.connect(server, Math.toIntExact(connectTimeout.toMillis()));
            return new EchoClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The underlying socket, e.g. to inspect or change options. */
    public Socket socket() {
        return socket;
    }

    /** Sends {@code message} and returns the same number of bytes read back; the connection stays open. */
    public byte[] echo(byte[] message) throws IOException {
        FutureTask<Void> writer = startWriter(message, false);
        byte[] reply = socket.getInputStream().readNBytes(message.length);
        awaitWriter(writer);
        if (reply.length < message.length) {
            throw new EOFException("server closed the connection after echoing " + reply.length
                    + " of " + message.length + " bytes");
        }
        return reply;
    }

    /**
     * Sends {@code message}, half-closes (shutdown(SHUT_WR): "I am done sending"), and returns
     * everything the server sends until it closes its side.
     */
    public byte[] sendAndHalfClose(byte[] message) throws IOException {
        FutureTask<Void> writer = startWriter(message, true);
        ByteArrayOutputStream reply = new ByteArrayOutputStream(message.length);
        socket.getInputStream().transferTo(reply);       // read() until it returns -1 (the server's FIN)
        awaitWriter(writer);
        return reply.toByteArray();
    }

    private FutureTask<Void> startWriter(byte[] message, boolean halfCloseAfter) {
        FutureTask<Void> writer = new FutureTask<>(() -> {
            OutputStream out = socket.getOutputStream();
            out.write(message);
            out.flush();
            if (halfCloseAfter) {
                socket.shutdownOutput();
            }
            return null;
        });
        Thread.ofVirtual().name("echo-client-writer").start(writer);
        return writer;
    }

    private static void awaitWriter(FutureTask<Void> writer) throws IOException {
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("writer failed", e.getCause());
        }
    }

    /** close(): sends FIN (or RST if unread data is pending) and releases the descriptor. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * {@code EchoClient --host H --port P [--message TEXT] [--connect-timeout-ms 3000]
     * [--read-timeout-ms 5000]}: without {@code --message}, echoes each line of standard input.
     */
    /** The command line (see {@link Cli}). */
    @Command(name = "EchoClient", mixinStandardHelpOptions = true,
            description = "TCP echo client: sends --message (or each line of standard input) and prints the echo.")
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "server address (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "server port (default: ${DEFAULT-VALUE})")
        int port = 7007;
        @Option(names = "--message", description = "send this, half-close, print the reply, exit")
        String message;
        @Option(names = "--connect-timeout-ms", description = "(default: ${DEFAULT-VALUE})")
        int connectTimeoutMillis = 3000;
        @Option(names = "--read-timeout-ms", description = "(default: ${DEFAULT-VALUE})")
        int readTimeoutMillis = 5000;

        @Override
        public void validate() {
            Cli.requireRange("--port", port, 1, 65_535);
            Cli.requireRange("--connect-timeout-ms", connectTimeoutMillis, 0, Integer.MAX_VALUE);
            Cli.requireRange("--read-timeout-ms", readTimeoutMillis, 0, Integer.MAX_VALUE);
        }
    }

    public static void main(String[] args) throws IOException {
        Options options = Cli.parse(new Options(), args);
        InetSocketAddress server = new InetSocketAddress(options.host, options.port);
        try (EchoClient client = connect(server,
                Duration.ofMillis(options.connectTimeoutMillis),
                Duration.ofMillis(options.readTimeoutMillis))) {
            if (options.message != null) {
                byte[] reply = client.sendAndHalfClose(options.message.getBytes(StandardCharsets.UTF_8));
                System.out.println(new String(reply, StandardCharsets.UTF_8));
                return;
            }
            echoStandardInput(client, System.in);
        } catch (ConnectException e) {
            System.err.println("EchoClient: cannot connect to " + server + ": " + e.getMessage()
                    + " (is a server listening there?)");
            System.exit(1);
        } catch (SocketTimeoutException e) {
            System.err.println("EchoClient: " + server + " did not answer in time: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void echoStandardInput(EchoClient client, InputStream input) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            byte[] reply = client.echo((line + "\n").getBytes(StandardCharsets.UTF_8));
            System.out.print(new String(reply, StandardCharsets.UTF_8));
        }
        client.socket().shutdownOutput();
    }
}
