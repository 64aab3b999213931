package org.socketlab.labs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.socketlab.tcp.EchoClient;
import org.socketlab.tcp.EchoHandler;
import org.socketlab.tcp.TcpServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;

/**
 * Lab 01 — a TCP echo, one system call at a time.
 *
 * <p>Part 1 plays both server and client in one thread with raw {@code java.net} sockets so
 * every call can be narrated in order. Part 2 does the same with the library's
 * {@link TcpServer} and {@link EchoClient}.
 */
public final class Lab01TcpEcho {

    static final String TITLE = "TCP echo";
    static final String SUMMARY = "socket, bind, listen, accept, connect, read/write, shutdown, close — one call at a time";

    private Lab01TcpEcho() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="01 --help"}. */
    @Command(name = "lab 01", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options {
    }

    public static void main(String[] args) throws IOException {
        Cli.parse(new Options(), args);
        Narrator narrator = new Narrator();
        rawSockets(narrator);
        withTheLibrary(narrator);
        narrator.part("Done");
        narrator.say("Next: labs/guides/01-tcp-echo.md, section \"Experiments\".");
    }

    private static void rawSockets(Narrator narrator) throws IOException {
        narrator.part("Part 1: the system calls, in order");
        try (ServerSocket listeningSocket = new ServerSocket()) {
            narrator.syscall("socket()", "The server creates a socket. It has no address yet and cannot accept anyone.");
            listeningSocket.setReuseAddress(true);
            narrator.syscall("setsockopt()", "SO_REUSEADDR=true: a restarted server may reuse the port at once.");

            listeningSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            int port = listeningSocket.getLocalPort();
            narrator.syscall("bind()", "The socket now owns " + listeningSocket.getLocalSocketAddress()
                    + " (port 0 asked the OS to pick a free port: it chose " + port + ").");
            narrator.syscall("listen()", "Java's bind(address, 50) also called listen(fd, 50): the kernel now"
                    + " accepts handshakes and queues up to 50 connections for us.");

            try (Socket clientSocket = new Socket()) {
                narrator.syscall("socket()", "The client creates its own socket.");
                clientSocket.setSoTimeout(5000);
                clientSocket.connect(listeningSocket.getLocalSocketAddress(), 5000);
                narrator.syscall("connect()", "SYN → SYN-ACK → ACK: the 3-way handshake is done. The client got the"
                        + " ephemeral port " + clientSocket.getLocalPort() + ".");
                narrator.observe("connect() returned although the server has not called accept() yet:"
                        + " the kernel finished the handshake and parked the connection in the backlog.");

                try (Socket connectionSocket = listeningSocket.accept()) {
                    narrator.syscall("accept()", "The server takes the connection from the backlog and gets a NEW"
                            + " socket for it: " + connectionSocket.getLocalSocketAddress() + " <-> "
                            + connectionSocket.getRemoteSocketAddress() + ".");
                    narrator.say("The listening socket keeps listening; this new socket talks to one client only.");
                    exchange(narrator, clientSocket, connectionSocket);
                }
                narrator.syscall("close()", "The server closes its connection socket (its file descriptor is freed).");
            }
            narrator.syscall("close()", "The client closes too. Its side of the connection goes to TIME_WAIT for a while.");
        }
        narrator.syscall("close()", "Finally the listening socket is closed: new connect() calls would now be refused.");
    }

    private static void exchange(Narrator narrator, Socket clientSocket, Socket connectionSocket) throws IOException {
        OutputStream clientOut = clientSocket.getOutputStream();
        InputStream serverIn = connectionSocket.getInputStream();
        byte[] message = "hello, socket".getBytes(StandardCharsets.UTF_8);
        clientOut.write(message);
        narrator.syscall("write()", "The client writes " + message.length + " bytes: \"hello, socket\"."
                + " write() returns once the bytes are in the kernel's send buffer, not when they arrive.");

        byte[] buffer = new byte[1024];
        int count = serverIn.read(buffer);
        narrator.syscall("read()", "The server's read() returns " + count + " bytes (it asked for up to "
                + buffer.length + "): \"" + new String(buffer, 0, count, StandardCharsets.UTF_8) + "\".");

        connectionSocket.getOutputStream().write(buffer, 0, count);
        narrator.syscall("write()", "The server writes the same " + count + " bytes back: that is the echo.");

        byte[] echo = clientSocket.getInputStream().readNBytes(count);
        narrator.syscall("read()", "The client reads its echo: \"" + new String(echo, StandardCharsets.UTF_8) + "\".");

        clientSocket.shutdownOutput();
        narrator.syscall("shutdown()", "The client half-closes (SHUT_WR): it sends FIN, meaning \"I will send"
                + " nothing more\", but it can still read.");
        int endOfStream = serverIn.read(buffer);
        narrator.syscall("read()", "The server's read() returns " + endOfStream + ": end of stream. That is how a"
                + " server learns the client is done.");
        connectionSocket.shutdownOutput();
        narrator.syscall("shutdown()", "The server half-closes as well (FIN in the other direction).");
        narrator.syscall("read()", "The client's read() now returns " + clientSocket.getInputStream().read()
                + ": both directions are finished.");
    }

    private static void withTheLibrary(Narrator narrator) throws IOException {
        narrator.part("Part 2: the same with TcpServer and EchoClient");
        try (TcpServer server = TcpServer.builder().port(0).handler(new EchoHandler()).start()) {
            narrator.say("TcpServer did socket(), setsockopt(), bind()+listen() and started an accept() loop"
                    + " on " + server.localAddress() + " (strategy: " + server.strategyName() + ").");
            try (EchoClient client = EchoClient.connect(server.localAddress(), Duration.ofSeconds(3), Duration.ofSeconds(3))) {
                byte[] big = new byte[1 << 20];
                byte[] reply = client.sendAndHalfClose(big);
                narrator.observe("Sent 1 MiB, half-closed, and got " + reply.length + " bytes back."
                        + " The server read them in many pieces; the echo does not care.");
            }
        }
        narrator.say("server.close(): stop accepting, let the connection finish, close everything.");
    }
}
