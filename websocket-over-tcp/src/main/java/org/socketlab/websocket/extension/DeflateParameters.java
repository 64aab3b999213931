package org.socketlab.websocket.extension;

/**
 * The parameters of permessage-deflate both ends agreed on (RFC 7692 §7.1), seen from either
 * side: what the server's compressor and the client's compressor may do.
 *
 * @param serverNoContextTakeover the server resets its compressor after every message (§7.1.1.1)
 * @param clientNoContextTakeover the client resets its compressor after every message (§7.1.1.2)
 * @param serverMaxWindowBits     the largest LZ77 window the server's compressor may use, 8–15 (§7.1.2.1)
 * @param clientMaxWindowBits     the largest LZ77 window the client's compressor may use, 8–15 (§7.1.2.2)
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {

    /** RFC 7692 §7.1.2: window sizes are 2^8 to 2^15 bytes. */
    public static final int MIN_WINDOW_BITS = 8;
    public static final int MAX_WINDOW_BITS = 15;

    public DeflateParameters {
        requireWindowBits("serverMaxWindowBits", serverMaxWindowBits);
        requireWindowBits("clientMaxWindowBits", clientMaxWindowBits);
    }

    /** Context takeover on both sides, full 32 KiB windows: what an offer without parameters agrees to. */
    public static DeflateParameters defaults() {
        return new DeflateParameters(false, false, MAX_WINDOW_BITS, MAX_WINDOW_BITS);
    }

    /** Whether the side that sends in {@code direction} must reset its compressor after each message. */
    public boolean noContextTakeover(boolean sentByServer) {
        return sentByServer ? serverNoContextTakeover : clientNoContextTakeover;
    }

    private static void requireWindowBits(String name, int bits) {
        if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException(name + " is " + bits + "; it must be 8..15 (RFC 7692 §7.1.2)");
        }
    }
}
