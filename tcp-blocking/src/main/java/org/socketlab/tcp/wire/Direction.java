package org.socketlab.tcp.wire;

/**
 * Which way bytes travel through a {@link WireTap}. The "client" is whoever connected to the
 * tap; the "server" is the tap's target.
 */
public enum Direction {
    CLIENT_TO_SERVER("C->S"),
    SERVER_TO_CLIENT("S->C");

    private final String arrow;

    Direction(String arrow) {
        this.arrow = arrow;
    }

    /** A short label for tap output: {@code C->S} or {@code S->C}. */
    public String arrow() {
        return arrow;
    }

    /** The opposite direction. */
    public Direction reverse() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }

    @Override
    public String toString() {
        return arrow;
    }
}
