package org.socketlab.labs.compression;

import java.nio.ByteBuffer;
import org.socketlab.websocket.extension.MessageDeflater;
import org.socketlab.websocket.frame.FrameEncoder;

/**
 * Part 6: how many bytes permessage-deflate saves on the wire. Each message is compressed by the
 * real {@link MessageDeflater} (sync flush, {@code 00 00 ff ff} removed, RFC 7692 §7.2.1) and
 * counted with its frame header, as a server would send it.
 */
public final class CompressionRatio {

    /** Bytes on the wire for {@code messages} messages: uncompressed frames and compressed ones. */
    public record Ratio(String payload, boolean contextTakeover, int messages, long plainWireBytes, long compressedWireBytes) {
        /** Compressed ÷ plain: 0.3 means the wire carries 30 % of the bytes. */
        public double ratio() {
            return compressedWireBytes / (double) plainWireBytes;
        }
    }

    private CompressionRatio() {
    }

    /**
     * @param random          random bytes instead of chat JSON
     * @param contextTakeover keep the LZ77 window from message to message (RFC 7692 §7.1.1)
     */
    public static Ratio measure(int messages, boolean random, boolean contextTakeover) {
        ChatMessages source = new ChatMessages(9);
        long plain = 0;
        long compressed = 0;
        try (MessageDeflater deflater = new MessageDeflater(!contextTakeover, -1)) {
            for (int i = 0; i < messages; i++) {
                byte[] message = random ? source.nextRandom() : source.nextJson();
                int payload = deflater.compress(ByteBuffer.wrap(message)).remaining();
                plain += FrameEncoder.headerLength(message.length, false) + message.length;
                compressed += FrameEncoder.headerLength(payload, false) + payload;
            }
        }
        return new Ratio(random ? "random bytes" : "chat JSON", contextTakeover, messages, plain, compressed);
    }
}
