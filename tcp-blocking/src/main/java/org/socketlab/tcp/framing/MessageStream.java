package org.socketlab.tcp.framing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * Reads and writes whole messages over a blocking stream, using a {@link MessageFramer}.
 *
 * <p>{@link #read()} calls {@code read()} on the stream as often as needed: it handles partial
 * reads (a message spread over many reads) and coalesced reads (several messages in one read,
 * the rest kept for the next call).
 *
 * <p>Not thread-safe: at most one reading thread and one writing thread at a time.
 */
public final class MessageStream {

    private final InputStream in;
    private final OutputStream out;
    private final MessageFramer framer;
    private final ByteBuffer readBuffer;

    public MessageStream(InputStream in, OutputStream out, MessageFramer framer, int readBufferBytes) {
        this.in = in;
        this.out = out;
        this.framer = framer;
        this.readBuffer = ByteBuffer.allocate(readBufferBytes).flip();   // starts empty, in read mode
    }

    public static MessageStream of(Socket socket, MessageFramer framer) throws IOException {
        return new MessageStream(socket.getInputStream(), socket.getOutputStream(), framer, 8192);
    }

    /**
     * The next message, or {@code null} when the peer closed the connection cleanly between
     * two messages.
     *
     * @throws EOFException      the peer closed in the middle of a message
     * @throws FramingException  the peer broke the framing rules (e.g. too large)
     * @throws java.net.SocketTimeoutException SO_TIMEOUT expired
     */
    public byte[] read() throws IOException {
        while (true) {
            byte[] message = framer.decode(readBuffer);
            if (message != null) {
                return message;
            }
            int count = in.read(readBuffer.array(), 0, readBuffer.capacity());
            if (count == -1) {
                if (framer.bufferedBytes() > 0) {
                    throw new EOFException("connection closed after " + framer.bufferedBytes()
                            + " bytes of an unfinished message");
                }
                return null;
            }
            readBuffer.position(0).limit(count);
        }
    }

    /** Writes one message, framed. */
    public void write(byte[] message) throws IOException {
        ByteBuffer framed = framer.encode(message);
        out.write(framed.array(), framed.arrayOffset() + framed.position(), framed.remaining());
        out.flush();
    }
}
