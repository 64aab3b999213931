package org.socketlab.tcp.framing;

import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import java.util.function.Supplier;
import org.socketlab.tcp.ConnectionHandler;

/**
 * Echoes whole messages: reads one framed message, writes it back framed. Unlike the byte
 * echo it understands message boundaries, so it can refuse an oversized message: the
 * {@link FramingException} escapes, and the server closes the connection and logs why.
 *
 * <p>Thread-safe: each connection gets its own framer from the supplier.
 */
public final class FramedEchoHandler implements ConnectionHandler {

    private final Supplier<MessageFramer> framers;

    public FramedEchoHandler(Supplier<MessageFramer> framers) {
        this.framers = Objects.requireNonNull(framers, "framers");
    }

    @Override
    public void handle(Socket clientSocket) throws IOException {
        MessageStream messages = MessageStream.of(clientSocket, framers.get());
        byte[] message;
        while ((message = messages.read()) != null) {
            messages.write(message);
        }
        clientSocket.shutdownOutput();
    }
}
