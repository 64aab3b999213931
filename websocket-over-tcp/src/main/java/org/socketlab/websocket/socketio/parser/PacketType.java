package org.socketlab.websocket.socketio.parser;

/** Socket.IO protocol v5 packet types, one ASCII digit on the wire. */
public enum PacketType {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    public char code() {
        return (char) ('0' + ordinal());
    }

    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    static PacketType fromCode(char code) throws SocketIoProtocolException {
        if (code < '0' || code > '6') {
            throw new SocketIoProtocolException("packet type is '" + code + "'; it must be a digit 0-6 (Socket.IO v5, packet encoding)");
        }
        return values()[code - '0'];
    }
}
