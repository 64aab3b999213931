package org.socketlab.tcp.framing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Line-delimited framing: each message ends with {@code \n} (a preceding {@code \r} is
 * dropped, so telnet-style CRLF lines work). This is how SMTP, Redis's inline protocol and
 * HTTP/1.1 headers find the end of a message.
 *
 * <p>The limit is enforced while bytes arrive: a peer that sends more than
 * {@code maxLineBytes} without a newline is rejected immediately, not after it has filled
 * our memory.
 */
public final class LineFramer implements MessageFramer {

    /** Default maximum line length: 8 KiB, like most HTTP servers' request-line limit. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8192;

    private final int maxLineBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private FramingException failure;
    private byte lastPendingByte;

    public LineFramer() {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    public LineFramer(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maximum line length must be at least 1 byte, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public byte[] decode(ByteBuffer in) throws FramingException {
        // BEGIN SOLUTION lab=03 task="decode newline-delimited messages from a stream that may split them anywhere"
        if (failure != null) {
            throw failure;
        }
        int newline = indexOfNewline(in);
        int chunkEnd = newline >= 0 ? newline : in.limit();
        int chunkLength = chunkEnd - in.position();
        int total = pending.size() + chunkLength;
        // One byte over is tolerated only if it is the "\r" of a CRLF ending (stripped below).
        byte lastByte = chunkLength > 0 ? in.get(chunkEnd - 1) : lastPendingByte;
        boolean carriageReturnOnly = total == maxLineBytes + 1 && lastByte == '\r';
        if (total > maxLineBytes && !carriageReturnOnly) {
            failure = new FramingException("line is longer than " + maxLineBytes + " bytes (already "
                    + total + " bytes without a newline); the maximum is " + maxLineBytes + " (line framing)");
            throw failure;
        }
        byte[] chunk = new byte[chunkLength];
        in.get(chunk);
        pending.writeBytes(chunk);
        lastPendingByte = lastByte;
        if (newline < 0) {
            return null;
        }
        in.get();                                          // consume the '\n'
        byte[] line = pending.toByteArray();
        pending.reset();
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        if (length > maxLineBytes) {
            failure = new FramingException("line is " + length + " bytes; the maximum is "
                    + maxLineBytes + " (line framing)");
            throw failure;
        }
        return length == line.length ? line : Arrays.copyOf(line, length);
        // END SOLUTION
    }

    private static int indexOfNewline(ByteBuffer in) {
        for (int i = in.position(); i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public ByteBuffer encode(byte[] message) {
        if (message.length > maxLineBytes) {
            throw new IllegalArgumentException("line is " + message.length + " bytes; the maximum is " + maxLineBytes);
        }
        for (byte b : message) {
            if (b == '\n') {
                throw new IllegalArgumentException("a line must not contain '\\n': it would end the message early");
            }
        }
        ByteBuffer out = ByteBuffer.allocate(message.length + 1);
        out.put(message).put((byte) '\n').flip();
        return out;
    }

    @Override
    public int bufferedBytes() {
        return pending.size();
    }

    @Override
    public int maxMessageBytes() {
        return maxLineBytes;
    }
}
