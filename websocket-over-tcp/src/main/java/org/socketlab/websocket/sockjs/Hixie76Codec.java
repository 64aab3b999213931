package org.socketlab.websocket.sockjs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.WebSocketProtocolException;

/**
 * The frames of hixie-76 (draft-ietf-hybi-thewebsocketprotocol-00 §4.2 / §5.3): a text frame
 * is {@code 0x00}, UTF-8, {@code 0xFF}; the closing handshake is {@code 0xFF 0x00}. A frame type
 * with the high bit set carries a length (7 bits per byte, high bit = more) and its bytes, which
 * the server discards (draft-76 §5.3: only type 0x00 text is defined); a sentinel-terminated
 * frame of another type is discarded too. Pure and stateful: feed bytes as they arrive.
 *
 * <p>Not thread-safe: one reader.
 */
public final class Hixie76Codec {

    /** The closing handshake (draft-76 §4.2 / §5.3 "0xFF 0x00"). */
    public static final byte[] CLOSING_FRAME = {(byte) 0xFF, 0x00};

    /** What one frame meant: a text message, or the peer's closing handshake. */
    public sealed interface Frame permits Text, Close { }

    public record Text(String text) implements Frame { }

    public record Close() implements Frame { }

    private enum State { TYPE, TEXT, LENGTH, SKIP }

    private final long maxFrameBytes;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private State state = State.TYPE;
    private int type;
    private long length;
    private boolean closed;

    /** @param maxFrameBytes the largest frame accepted; a longer one fails with 1009, as RFC 6455 frames do */
    public Hixie76Codec(long maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be >= 1, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** One text frame: 0x00, the UTF-8 of {@code message}, 0xFF (UTF-8 never contains 0xFF). */
    public static byte[] encodeText(String message) {
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[utf8.length + 2];
        frame[0] = 0x00;
        System.arraycopy(utf8, 0, frame, 1, utf8.length);
        frame[frame.length - 1] = (byte) 0xFF;
        return frame;
    }

    /**
     * Decodes the frames {@code input} completes (consuming all of it); a partial frame is kept
     * for the next call. Nothing is decoded after the closing handshake.
     *
     * @throws WebSocketProtocolException 1009 for a frame over the limit, 1007 for text that is not UTF-8
     */
    public List<Frame> decode(ByteBuffer input) throws WebSocketProtocolException {
        List<Frame> frames = new ArrayList<>();
        while (input.hasRemaining() && !closed) {
            int b = input.get() & 0xFF;
            switch (state) {
                case TYPE -> startFrame(b);
                case TEXT -> {
                    if (b == 0xFF) {
                        finishSentinelFrame(frames);
                    } else {
                        appendText(b);
                    }
                }
                case LENGTH -> readLength(b, frames);
                case SKIP -> {
                    if (--length == 0) {
                        state = State.TYPE;
                    }
                }
            }
        }
        return frames;
    }

    private void startFrame(int b) {
        type = b;
        length = 0;
        text.reset();
        state = (b & 0x80) == 0 ? State.TEXT : State.LENGTH;
    }

    private void appendText(int b) throws WebSocketProtocolException {
        if (text.size() >= maxFrameBytes) {
            throw new WebSocketProtocolException(CloseCode.MESSAGE_TOO_BIG, "a hixie-76 frame is longer than the "
                    + maxFrameBytes + "-byte limit (the server's maxMessageSize)");
        }
        text.write(b);
    }

    private void finishSentinelFrame(List<Frame> frames) throws WebSocketProtocolException {
        state = State.TYPE;
        if (type == 0x00) {
            frames.add(new Text(utf8(text.toByteArray())));
        } // draft-76 §5.3: other sentinel-terminated types are read and discarded
        text.reset();
    }

    private void readLength(int b, List<Frame> frames) throws WebSocketProtocolException {
        length = length * 128 + (b & 0x7F);
        if (length > maxFrameBytes) {
            throw new WebSocketProtocolException(CloseCode.MESSAGE_TOO_BIG, "a hixie-76 length-prefixed frame declares "
                    + length + " bytes, over the " + maxFrameBytes + "-byte limit");
        }
        if ((b & 0x80) != 0) {
            return; // more length bytes follow
        }
        if (type == 0xFF && length == 0) {
            closed = true; // 0xFF 0x00: the closing handshake (draft-76 §5.3)
            frames.add(new Close());
            state = State.TYPE;
        } else {
            state = length == 0 ? State.TYPE : State.SKIP;
        }
    }

    /** Whether a frame has started and not ended (its bytes so far are buffered or being skipped). */
    public boolean inFrame() {
        return state != State.TYPE;
    }

    /** Whether the peer's closing handshake was decoded (nothing after it is read). */
    public boolean isClosed() {
        return closed;
    }

    private static String utf8(byte[] bytes) throws WebSocketProtocolException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new WebSocketProtocolException(CloseCode.INVALID_PAYLOAD,
                    "a hixie-76 text frame must be UTF-8 (draft-76 §5.3): " + e.getMessage());
        }
    }
}
