package org.socketlab.websocket.socketio.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO packet: a type and either text data (possibly empty) or, for a binary
 * {@link EnginePacketType#MESSAGE}, raw bytes. Immutable (the byte array is copied in and out).
 */
public final class EnginePacket {

    private final EnginePacketType type;
    private final String text;
    private final byte[] binary;

    private EnginePacket(EnginePacketType type, String text, byte[] binary) {
        this.type = Objects.requireNonNull(type, "type");
        this.text = text;
        this.binary = binary;
    }

    /** A packet with text data ({@code ""} for none), e.g. {@code of(PING, "probe")}. */
    public static EnginePacket of(EnginePacketType type, String text) {
        return new EnginePacket(type, Objects.requireNonNull(text, "text"), null);
    }

    /** A packet without data. */
    public static EnginePacket of(EnginePacketType type) {
        return of(type, "");
    }

    public static EnginePacket message(String text) {
        return of(EnginePacketType.MESSAGE, text);
    }

    /** A binary message (sent as a binary frame over WebSocket, {@code b<base64>} in polling). */
    public static EnginePacket binary(byte[] data) {
        return new EnginePacket(EnginePacketType.MESSAGE, null, data.clone());
    }

    public EnginePacketType type() {
        return type;
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** The text data; {@link IllegalStateException} for a binary packet. */
    public String text() {
        if (binary != null) {
            throw new IllegalStateException("a binary packet has no text data");
        }
        return text;
    }

    /** A copy of the binary data; {@link IllegalStateException} for a text packet. */
    public byte[] binary() {
        if (binary == null) {
            throw new IllegalStateException("a " + type + " text packet has no binary data");
        }
        return binary.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnginePacket that && type == that.type && Objects.equals(text, that.text)
                && Arrays.equals(binary, that.binary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, text, Arrays.hashCode(binary));
    }

    @Override
    public String toString() {
        return binary != null ? type + "[" + binary.length + " bytes]" : type + "[" + text + "]";
    }
}
