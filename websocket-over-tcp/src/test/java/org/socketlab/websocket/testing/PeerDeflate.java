package org.socketlab.websocket.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The peer's side of permessage-deflate (RFC 7692 §7.2), written here with {@code java.util.zip}
 * alone so that conformance tests do not check our codec against itself: a compressor and a
 * decompressor for one direction, each keeping its LZ77 window across messages unless "no
 * context takeover" applies to that direction. Not thread-safe.
 */
public final class PeerDeflate {

    /** RFC 7692 §7.2.1: the empty stored block a sync flush ends with; removed by the sender. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private PeerDeflate() {
    }

    /** Compresses messages of one direction. */
    public static final class Compressor {
        private final boolean noContextTakeover;
        private final Deflater deflater;

        public Compressor(boolean noContextTakeover) {
            this(noContextTakeover, Deflater.DEFAULT_COMPRESSION);
        }

        /**
         * @param level zlib level; {@link Deflater#NO_COMPRESSION} writes stored blocks only, which
         *              refer back to nothing and so keep any window limit (RFC 7692 §7.1.2)
         */
        public Compressor(boolean noContextTakeover, int level) {
            this.noContextTakeover = noContextTakeover;
            this.deflater = new Deflater(level, true);
        }

        /** The message's compressed payload (§7.2.1: sync flush, tail removed). */
        public byte[] compress(byte[] message) {
            deflater.setInput(message);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int count;
            do {
                count = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, count);
            } while (count == buffer.length || !deflater.needsInput());
            if (noContextTakeover) {
                deflater.reset();
            }
            byte[] all = out.toByteArray();
            if (all.length == 0) {
                return new byte[] {0x00}; // §7.2.3.6: nothing to flush; one byte of an empty stored block
            }
            if (!Arrays.equals(all, all.length - 4, all.length, TAIL, 0, 4)) {
                throw new AssertionError("a sync flush must end with 00 00 ff ff");
            }
            return Arrays.copyOf(all, all.length - 4);
        }
    }

    /** Inflates messages of one direction. */
    public static final class Decompressor {
        private final boolean noContextTakeover;
        private final Inflater inflater = new Inflater(true);

        public Decompressor(boolean noContextTakeover) {
            this.noContextTakeover = noContextTakeover;
        }

        /**
         * The message from its frames' payloads (§7.2.2: joined, tail appended, inflated). With
         * no context takeover each message must inflate from an empty window; a message that
         * refers back to an earlier one then fails here, which is the point.
         */
        public byte[] inflate(List<byte[]> framePayloads) throws DataFormatException {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            framePayloads.forEach(joined::writeBytes);
            joined.writeBytes(TAIL);
            inflater.setInput(joined.toByteArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.needsInput() && !inflater.finished()) {
                int count = inflater.inflate(buffer);
                out.write(buffer, 0, count);
                if (count == 0 && inflater.needsDictionary()) {
                    throw new DataFormatException("asks for a dictionary");
                }
            }
            if (noContextTakeover || inflater.finished()) {
                inflater.reset();
            }
            return out.toByteArray();
        }
    }

    /** Splits a payload into frames of at most {@code size} bytes (Autobahn's auto-fragmentation); 0 = one frame. */
    public static List<byte[]> split(byte[] payload, int size) {
        if (size <= 0 || payload.length <= size) {
            return List.of(payload);
        }
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < payload.length; at += size) {
            pieces.add(Arrays.copyOfRange(payload, at, Math.min(payload.length, at + size)));
        }
        return pieces;
    }
}
