package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import java.util.List;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.Role;

/** The RFC 6455 connection state machine. Work in progress. */
public final class WebSocketProtocol {

    public WebSocketProtocol(Role role, ProtocolConfig config, MaskKeySource keys, long nowNanos) {
    }

    public void receive(ByteBuffer bytes, long nowNanos) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void receiveEof(long nowNanos) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void tick(long nowNanos) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public List<ProtocolEvent> pollEvents() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public List<ByteBuffer> pollOutgoing() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public boolean shouldCloseTransport() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public long nextDeadlineNanos() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void sendText(String text) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void sendBinary(ByteBuffer data) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void sendFragment(Opcode opcodeOrContinuation, ByteBuffer data, boolean fin) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void sendPing(ByteBuffer payload) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void sendPong(ByteBuffer payload) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void close(CloseCode code, String reason) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public State state() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
