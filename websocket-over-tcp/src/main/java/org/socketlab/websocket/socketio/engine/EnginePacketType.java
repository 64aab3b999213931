package org.socketlab.websocket.socketio.engine;

/**
 * The seven Engine.IO v4 packet types; on the wire each is one ASCII digit in front of the
 * packet's data (Engine.IO protocol v4, "Packet encoding").
 */
public enum EnginePacketType {
    /** Server → client, first packet of a session: the handshake JSON (sid, upgrades, timers). */
    OPEN('0'),
    /** Either side: the session is over. */
    CLOSE('1'),
    /** Heartbeat: in v4 the server sends ping; also the client's {@code 2probe} on a new WebSocket. */
    PING('2'),
    /** Heartbeat answer; also the server's {@code 3probe}. */
    PONG('3'),
    /** Application data (text, or raw bytes). */
    MESSAGE('4'),
    /** Client → server over the probed WebSocket: switch to it now. */
    UPGRADE('5'),
    /** Does nothing; the server uses it to end a pending long-poll during an upgrade. */
    NOOP('6');

    private final char code;

    EnginePacketType(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** The type for a wire digit. */
    public static EnginePacketType fromCode(char code) throws EngineProtocolException {
        if (code < '0' || code > '6') {
            throw new EngineProtocolException("packet type is '" + printable(code)
                    + "'; it must be a digit 0-6 (Engine.IO v4, packet encoding)");
        }
        return values()[code - '0'];
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
