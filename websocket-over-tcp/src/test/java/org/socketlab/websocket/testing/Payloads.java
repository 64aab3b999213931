package org.socketlab.websocket.testing;

import java.util.List;

/** The interop payload sizes (the length-encoding boundaries of RFC 6455 §5.2) and their contents. */
public final class Payloads {

    /** 0, 125 (7-bit max), 126 (16-bit min), 65,535 (16-bit max), 65,536 (64-bit min), 1 MiB. */
    public static final List<Integer> SIZES = List.of(0, 125, 126, 65_535, 65_536, 1 << 20);

    private Payloads() {
    }

    public static String text(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + i % 26));
        }
        return text.toString();
    }

    public static byte[] binary(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }
}
