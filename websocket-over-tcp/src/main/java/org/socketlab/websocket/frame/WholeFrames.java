package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;

/**
 * The whole-frame conveniences of {@link FrameDecoder} ({@code decode} returning a
 * {@link Frame} or filling a {@link DecodedFrame}), built on its {@link FrameDecoder#next} steps.
 * A frame that arrived whole is handed out in place; the chunks of a split one are collected in
 * a buffer that grows as they arrive (doubling, never past the declared length), so a peer that
 * declares a large payload and sends little of it costs little (issue 17: memory follows the
 * bytes received). Not thread-safe; owned by one decoder.
 */
final class WholeFrames {

    private static final int INITIAL_CAPACITY = 1024;

    private final DecodedFrame view = new DecodedFrame();
    private boolean lastShared;
    private ByteBuffer collected;
    private int declaredLength;

    Frame decode(FrameDecoder decoder, ByteBuffer in) throws WebSocketProtocolException {
        if (!decode(decoder, in, view)) {
            return null;
        }
        ByteBuffer payload = view.sharesInput ? view.payloadSlice() : view.buffer;
        view.buffer = null; // do not keep the caller's buffer (or the collected payload) alive
        return new Frame(view.fin, (view.rsvBits & FrameHeader.RSV1) != 0, (view.rsvBits & FrameHeader.RSV2) != 0,
                (view.rsvBits & FrameHeader.RSV3) != 0, view.opcode, payload);
    }

    boolean decode(FrameDecoder decoder, ByteBuffer in, DecodedFrame into) throws WebSocketProtocolException {
        while (true) {
            switch (decoder.next(in)) {
                case NEED_MORE -> {
                    return false;
                }
                case HEADER -> {
                    declaredLength = decoder.payloadLength();
                    collected = null;
                }
                case PAYLOAD_CHUNK -> {
                    append(decoder.chunkBuffer(), decoder.chunkOffset(), decoder.chunkLength());
                    if (decoder.chunkEndsFrame()) {
                        return completed(decoder, into, finish(), 0, false);
                    }
                }
                case FRAME -> {
                    return completed(decoder, into, decoder.chunkBuffer(), decoder.chunkOffset(), true);
                }
            }
        }
    }

    boolean lastShared() {
        return lastShared;
    }

    private boolean completed(FrameDecoder decoder, DecodedFrame into, ByteBuffer buffer, int offset, boolean shared)
            throws WebSocketProtocolException {
        into.fin = decoder.fin();
        into.rsvBits = decoder.rsvBits();
        into.opcode = decoder.opcode();
        into.buffer = buffer;
        into.payloadOffset = offset;
        into.payloadLength = decoder.payloadLength();
        into.sharesInput = shared;
        lastShared = shared;
        if (into.opcode == Opcode.CLOSE) {
            try {
                CloseStatus.parse(buffer.slice(offset, into.payloadLength));
            } catch (WebSocketProtocolException e) {
                throw decoder.corrupt(e);
            }
        }
        return true;
    }

    private void append(ByteBuffer chunk, int offset, int length) {
        if (collected == null) {
            collected = ByteBuffer.allocate(Math.min(declaredLength, Math.max(INITIAL_CAPACITY, length)));
        } else if (collected.remaining() < length) {
            long wanted = Math.max(2L * collected.capacity(), (long) collected.position() + length);
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(declaredLength, wanted));
            bigger.put(collected.flip());
            collected = bigger;
        }
        collected.put(collected.position(), chunk, offset, length);
        collected.position(collected.position() + length);
    }

    private ByteBuffer finish() {
        ByteBuffer done = collected == null ? ByteBuffer.allocate(0) : collected.flip();
        collected = null;
        return done;
    }
}
