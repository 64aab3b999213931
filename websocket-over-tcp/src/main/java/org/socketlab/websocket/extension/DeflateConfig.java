package org.socketlab.websocket.extension;

import java.util.zip.Deflater;

/**
 * This endpoint's wishes for permessage-deflate: what it asks for in an offer (client) or adds to
 * a response (server), and how it compresses.
 *
 * @param serverNoContextTakeover ask that the server reset its compressor after every message.
 *                                On the server this is the default ({@code true}): a compressor
 *                                with context takeover keeps about 256 KiB of zlib state per
 *                                connection for the connection's life; without it the state is
 *                                needed only while a message is compressed
 * @param clientNoContextTakeover ask that the client reset its compressor after every message
 * @param compressionLevel        zlib level 1 (fast) … 9 (small), or -1 for zlib's default (6)
 * @param minCompressSize         messages shorter than this are sent uncompressed (RSV1 clear,
 *                                RFC 7692 §6: compression is decided message by message): a
 *                                16-byte message grows when deflated
 */
public record DeflateConfig(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                            int compressionLevel, int minCompressSize) {

    public DeflateConfig {
        if (compressionLevel != Deflater.DEFAULT_COMPRESSION && (compressionLevel < 1 || compressionLevel > 9)) {
            throw new IllegalArgumentException("compressionLevel is " + compressionLevel + "; it must be 1..9 or -1");
        }
        if (minCompressSize < 0) {
            throw new IllegalArgumentException("minCompressSize is " + minCompressSize + "; it must be 0 or more");
        }
    }

    /** Server no context takeover, client takeover allowed, zlib's default level, messages from 64 bytes. */
    public static DeflateConfig defaults() {
        return new DeflateConfig(true, false, Deflater.DEFAULT_COMPRESSION, 64);
    }

    public DeflateConfig withServerNoContextTakeover(boolean value) {
        return new DeflateConfig(value, clientNoContextTakeover, compressionLevel, minCompressSize);
    }

    public DeflateConfig withClientNoContextTakeover(boolean value) {
        return new DeflateConfig(serverNoContextTakeover, value, compressionLevel, minCompressSize);
    }

    public DeflateConfig withCompressionLevel(int value) {
        return new DeflateConfig(serverNoContextTakeover, clientNoContextTakeover, value, minCompressSize);
    }

    public DeflateConfig withMinCompressSize(int value) {
        return new DeflateConfig(serverNoContextTakeover, clientNoContextTakeover, compressionLevel, value);
    }
}
