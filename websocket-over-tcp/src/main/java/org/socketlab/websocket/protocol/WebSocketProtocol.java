package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.ProtocolException;
import org.socketlab.websocket.frame.Role;

/**
 * One WebSocket connection after the opening handshake, as a pure state machine (sans-I/O):
 * bytes and end-of-stream go in, events and bytes to write come out, time is passed in.
 *
 * <pre>
 *   OPEN ──close()──────────────▶ CLOSING ──peer's close / timeout / EOF──▶ CLOSED
 *     └──peer's close (echoed) / protocol error / EOF / pong timeout ─────▶ CLOSED
 * </pre>
 *
 * <p>The adapter's loop: {@link #receive} what was read, then write {@link #pollOutgoing()},
 * dispatch {@link #pollEvents()}, close TCP when {@link #shouldCloseTransport()}, and call
 * {@link #tick} no later than {@link #nextDeadlineNanos()}. {@code receive} always consumes
 * all the bytes it is given. The peer's faults never throw: they become a close frame,
 * {@link ProtocolEvent.Failed} and {@link ProtocolEvent.Closed}. Caller mistakes throw
 * {@link IllegalStateException} / {@link IllegalArgumentException}.
 *
 * <p>Not thread-safe: one owner at a time (see package-info).
 */
public final class WebSocketProtocol {

    private final Role role;
    private final ProtocolConfig config;
    private final FrameEncoder encoder;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    private final Heartbeat heartbeat;
    private final CloseHandshake closing;

    private final List<ProtocolEvent> events = new ArrayList<>();
    private final List<ByteBuffer> outgoing = new ArrayList<>();

    private State state = State.OPEN;
    private boolean inputDone;
    private boolean closedEmitted;
    private Opcode outgoingFragmented;
    private long lastNowNanos;

    public WebSocketProtocol(Role role, ProtocolConfig config, MaskKeySource keys, long nowNanos) {
        this.role = Objects.requireNonNull(role, "role");
        this.config = Objects.requireNonNull(config, "config");
        this.encoder = new FrameEncoder(role, keys);
        this.decoder = new FrameDecoder(role, config.maxFramePayload(), 0);
        this.assembler = new MessageAssembler(config.maxMessageSize());
        this.heartbeat = new Heartbeat(config.pingInterval(), config.pongTimeout(), config.idleTimeout(), nowNanos);
        this.closing = new CloseHandshake(role, config.closeTimeout());
        this.lastNowNanos = nowNanos;
        this.decoder.setPartialPayloadListener((opcode, chunk) -> {
            if (state == State.OPEN) {
                assembler.inspectPartial(opcode, chunk);
            }
        });
    }

    // ---------------------------------------------------------------- input

    /** Feeds bytes read from the transport; all of them are consumed. */
    public void receive(ByteBuffer bytes, long nowNanos) {
        lastNowNanos = nowNanos;
        if (!inputDone && bytes.hasRemaining()) {
            heartbeat.onBytesReceived(nowNanos);
            try {
                Frame frame;
                while (!inputDone && (frame = decoder.decode(bytes)) != null) {
                    onFrame(frame, nowNanos);
                }
            } catch (ProtocolException e) {
                fail(e);
            }
        }
        bytes.position(bytes.limit()); // after a close or failure, the rest is discarded (§7.1.7)
    }

    /** The peer closed its side of TCP (read returned -1). */
    public void receiveEof(long nowNanos) {
        lastNowNanos = nowNanos;
        inputDone = true;
        closing.transportClosedByPeer();
        if (state == State.OPEN || state == State.CLOSING) {
            String reason = state == State.OPEN
                    ? "the peer closed TCP without a close frame (RFC 6455 §7.1.5)"
                    : "the peer closed TCP before answering our close frame (RFC 6455 §7.1.5)";
            finish(CloseCode.ABNORMAL_CLOSURE, reason, false);
        }
    }

    /** Runs the timers (ping, pong timeout, idle timeout, close timeout) at {@code nowNanos}. */
    public void tick(long nowNanos) {
        lastNowNanos = nowNanos;
        switch (state) {
            case OPEN -> runHeartbeat(nowNanos);
            case CLOSING -> {
                if (closing.closeFrameOverdue(nowNanos)) {
                    inputDone = true;
                    closing.abandon();
                    finish(CloseCode.ABNORMAL_CLOSURE, "no close frame from the peer within "
                            + config.closeTimeout() + " (RFC 6455 §7.1.1)", false);
                }
            }
            case CLOSED -> closing.tick(nowNanos);
            case CONNECTING -> { }
        }
    }

    private void onFrame(Frame frame, long nowNanos) throws ProtocolException {
        switch (frame.opcode()) {
            case PING -> onPing(frame);
            case PONG -> onPong(frame);
            case CLOSE -> onClose(frame, nowNanos);
            default -> onData(frame);
        }
    }

    private void onData(Frame frame) throws ProtocolException {
        if (state != State.OPEN) {
            return; // §5.5.1: after sending a close frame we only wait for the peer's; data is dropped
        }
        ProtocolEvent message = assembler.accept(frame, decoder.lastPayloadSharesInput());
        if (message != null) {
            events.add(message);
        }
    }

    private void onPing(Frame frame) {
        if (state != State.OPEN) {
            return; // nothing may follow our close frame (§5.5.1)
        }
        ByteBuffer payload = copy(frame.payload());
        events.add(new ProtocolEvent.PingReceived(payload));
        if (config.autoPong()) {
            send(Frame.pong(payload.duplicate())); // §5.5.3: the pong echoes the ping's payload
        }
    }

    private void onPong(Frame frame) {
        heartbeat.onPong(frame.payload());
        if (state == State.OPEN) {
            events.add(new ProtocolEvent.PongReceived(copy(frame.payload())));
        }
    }

    private void onClose(Frame frame, long nowNanos) throws ProtocolException {
        CloseStatus status = CloseStatus.parse(frame.payload());
        events.add(new ProtocolEvent.CloseReceived(status.code(), status.reason()));
        inputDone = true; // §5.5.1: nothing the peer sends after its close frame counts
        if (state == State.OPEN) {
            // §5.5.1: answer with a close frame, echoing the status code received.
            send(status.code() == CloseCode.NO_STATUS_RECEIVED ? Frame.close(null, null) : Frame.close(status.code(), ""));
        }
        closing.completed(nowNanos);
        finish(status.code(), status.reason(), true);
    }

    private void runHeartbeat(long nowNanos) {
        switch (heartbeat.due(nowNanos)) {
            case SEND_PING -> send(Frame.ping(heartbeat.pingSent(nowNanos)));
            case PONG_TIMEOUT -> fail(new ProtocolException(CloseCode.INTERNAL_ERROR,
                    "no pong within %s of our ping (RFC 6455 §5.5.2)".formatted(config.pongTimeout())));
            case IDLE_TIMEOUT -> {
                ProtocolException idle = new ProtocolException(CloseCode.GOING_AWAY,
                        "nothing received for %s (idle timeout)".formatted(config.idleTimeout()));
                events.add(new ProtocolEvent.Failed(idle));
                startClose(CloseCode.GOING_AWAY, "idle timeout");
            }
            case NONE -> { }
        }
    }

    /** Fails the connection (RFC 6455 §7.1.7): send our close frame if we still may, then CLOSED. */
    private void fail(ProtocolException error) {
        events.add(new ProtocolEvent.Failed(error));
        inputDone = true;
        if (state == State.OPEN) {
            send(Frame.close(error.closeCode(), truncateUtf8(error.getMessage(), 123)));
        }
        closing.abandon();
        // §7.1.5: no close frame was received, so the connection's close code is 1006.
        finish(CloseCode.ABNORMAL_CLOSURE, error.getMessage(), false);
    }

    private void finish(CloseCode code, String reason, boolean clean) {
        state = State.CLOSED;
        if (!closedEmitted) {
            closedEmitted = true;
            events.add(new ProtocolEvent.Closed(code, reason, clean));
        }
    }

    // ---------------------------------------------------------------- output

    /** Events since the last poll, oldest first. */
    public List<ProtocolEvent> pollEvents() {
        return drain(events);
    }

    /** Encoded frames to write, in order, since the last poll. */
    public List<ByteBuffer> pollOutgoing() {
        return drain(outgoing);
    }

    /** True when the adapter must close TCP now (after writing {@link #pollOutgoing()}). */
    public boolean shouldCloseTransport() {
        return state == State.CLOSED && closing.transportCloseDue();
    }

    /** When {@link #tick} must be called next; {@link Long#MAX_VALUE} when no timer runs. */
    public long nextDeadlineNanos() {
        return switch (state) {
            case OPEN -> heartbeat.nextDeadlineNanos();
            case CLOSING, CLOSED -> closing.nextDeadlineNanos();
            case CONNECTING -> Long.MAX_VALUE;
        };
    }

    public State state() {
        return state;
    }

    public Role role() {
        return role;
    }

    // ---------------------------------------------------------------- commands

    /** Sends a whole text message in one frame. */
    public void sendText(String text) {
        requireOpenBetweenMessages();
        send(Frame.text(text));
    }

    /** Sends a whole binary message in one frame; {@code data}'s position is not moved. */
    public void sendBinary(ByteBuffer data) {
        requireOpenBetweenMessages();
        send(Frame.binary(data.duplicate()));
    }

    /**
     * Sends one fragment (RFC 6455 §5.4): TEXT or BINARY starts a message, CONTINUATION
     * continues it, {@code fin} ends it. Pings, pongs and close may be sent in between.
     */
    public void sendFragment(Opcode opcodeOrContinuation, ByteBuffer data, boolean fin) {
        requireOpen();
        if (opcodeOrContinuation.isControl()) {
            throw new IllegalArgumentException(
                    "%s cannot be a fragment; control frames are never fragmented (RFC 6455 §5.5)".formatted(opcodeOrContinuation));
        }
        if (opcodeOrContinuation == Opcode.CONTINUATION && outgoingFragmented == null) {
            throw new IllegalStateException("no fragmented message is being sent; start one with TEXT or BINARY (RFC 6455 §5.4)");
        }
        if (opcodeOrContinuation != Opcode.CONTINUATION) {
            requireOpenBetweenMessages();
        }
        send(Frame.of(opcodeOrContinuation, data.duplicate(), fin));
        outgoingFragmented = fin ? null : (opcodeOrContinuation == Opcode.CONTINUATION ? outgoingFragmented : opcodeOrContinuation);
    }

    public void sendPing(ByteBuffer payload) {
        requireOpen();
        send(Frame.ping(payload.duplicate()));
    }

    public void sendPong(ByteBuffer payload) {
        requireOpen();
        send(Frame.pong(payload.duplicate()));
    }

    /** Starts the closing handshake (RFC 6455 §7.1.2); {@code code == null} sends an empty close frame. */
    public void close(CloseCode code, String reason) {
        requireOpen();
        startClose(code, reason);
    }

    private void startClose(CloseCode code, String reason) {
        send(Frame.close(code, reason));
        state = State.CLOSING;
        closing.closeSentFirst(lastNowNanos);
    }

    private void send(Frame frame) {
        outgoing.add(encoder.encode(frame));
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("connection is " + state + "; nothing more may be sent (RFC 6455 §5.5.1)");
        }
    }

    private void requireOpenBetweenMessages() {
        requireOpen();
        if (outgoingFragmented != null) {
            throw new IllegalStateException(("a fragmented %s message is being sent; finish it with "
                    + "sendFragment(CONTINUATION, data, true) first (RFC 6455 §5.4)").formatted(outgoingFragmented));
        }
    }

    private static ByteBuffer copy(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        return copy.put(payload.duplicate()).flip();
    }

    private static <T> List<T> drain(List<T> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<T> drained = List.copyOf(list);
        list.clear();
        return drained;
    }

    /** The longest prefix of {@code text} whose UTF-8 form fits {@code maxBytes} (close reasons, §5.5). */
    static String truncateUtf8(String text, int maxBytes) {
        if (text == null) {
            return "";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a character in half
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
