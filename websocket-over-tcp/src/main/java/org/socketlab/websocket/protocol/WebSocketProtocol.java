package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.frame.CloseStatus.Initiator;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.extension.DeflateParameters;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.FrameHeader;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketException;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;

/**
 * One WebSocket connection after the opening handshake, as a pure state machine (sans-I/O):
 * bytes and end-of-stream go in, events and bytes to write come out, time is passed in.
 *
 * <pre>
 *   OPEN ──close() / idle timeout──────────────▶ CLOSING ──peer's close / close timeout / EOF──▶ CLOSED
 *    │ └──peer's close (echoed) / protocol error / EOF / pong timeout ─────────────────────────▶ CLOSED
 *    └──peer's close or protocol error behind unpolled messages──▶ CLOSE_PENDING
 *   CLOSE_PENDING ──events polled, then receive/tick (or EOF): the close acted on──▶ CLOSED
 *   CLOSE_PENDING ──close() / idle timeout──▶ CLOSING (the pending close then ends it)
 * </pre>
 *
 * <p>The adapter's loop: {@link #receive} what was read (or {@link #receiveEof}), write
 * {@link #pollOutgoing()}, dispatch {@link #pollEvents()}, close TCP when
 * {@link #shouldCloseTransport()}, and call {@link #tick} no later than
 * {@link #nextDeadlineNanos()} — which may be "now" (see below). {@code receive} always consumes
 * all the bytes it is given. The peer's faults never throw: they become a close frame,
 * {@link ProtocolEvent.Failed} and {@link ProtocolEvent.Closed}. Caller mistakes throw
 * {@link IllegalStateException} / {@link IllegalArgumentException}.
 *
 * <p><b>Answers before the close.</b> When a close frame (or a protocol error) arrives in the
 * same read as messages that have not been polled yet, the close is acted on only at the first
 * {@code receive}/{@code tick} after those messages were polled, so whatever the application
 * sends in reply to them is written before our close frame. Meanwhile {@code state()} is
 * {@link State#CLOSE_PENDING} (the application may still send, {@link #isOpen()} is true) and
 * {@code nextDeadlineNanos()} returns the last time passed in, i.e. "tick now".
 *
 * <p>Not thread-safe: one owner at a time (see package-info).
 */
public final class WebSocketProtocol {

    private final Role role;
    private final ProtocolConfig config;
    private final OutgoingFrames out;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    private final Heartbeat heartbeat;
    private final CloseHandshake closing;
    private final ControlPayload control = new ControlPayload();
    private final FrameDeadline frameDeadline;
    private final PerMessageDeflate deflate; // null unless permessage-deflate was agreed (RFC 7692)

    private final List<ProtocolEvent> events = new ArrayList<>();

    private State state = State.OPEN;
    private boolean inputDone;
    private boolean closedEmitted;
    private long lastNowNanos;
    // A close frame or an error that arrived behind messages still waiting in `events`.
    private CloseStatus deferredPeerClose;
    private WebSocketException deferredFailure;

    public WebSocketProtocol(Role role, ProtocolConfig config, MaskKeySource keys, long nowNanos) {
        this(role, config, keys, nowNanos, null, null);
    }

    /**
     * A connection whose handshake agreed to permessage-deflate (RFC 7692): RSV1 is accepted on
     * the first frame of a data message, such messages are inflated (the message-size limit
     * applies to the inflated size), and outgoing data messages of at least
     * {@code local.minCompressSize()} bytes are compressed.
     *
     * @param agreed the parameters of the handshake, {@code null} for none (then {@code local} is ignored)
     * @param local  this end's compression level and threshold
     */
    public WebSocketProtocol(Role role, ProtocolConfig config, MaskKeySource keys, long nowNanos,
                             DeflateParameters agreed, DeflateConfig local) {
        this.role = Objects.requireNonNull(role, "role");
        this.config = Objects.requireNonNull(config, "config");
        this.out = new OutgoingFrames(role, keys);
        this.deflate = agreed == null ? null : new PerMessageDeflate(role, agreed,
                Objects.requireNonNull(local, "local"), config.maxMessageSize());
        // RFC 6455 §5.2: RSV1 is allowed only because the negotiated extension gave it a meaning.
        this.decoder = new FrameDecoder(role, config.maxFramePayload(), deflate == null ? 0 : FrameHeader.RSV1);
        this.assembler = new MessageAssembler(config.maxMessageSize(), deflate);
        this.heartbeat = new Heartbeat(config.pingInterval(), config.pongTimeout(), config.idleTimeout(), nowNanos);
        this.closing = new CloseHandshake(role, config.closeTimeout());
        this.lastNowNanos = nowNanos;
        this.frameDeadline = new FrameDeadline(config.frameTimeout());
    }

    // ---------------------------------------------------------------- input

    /** Feeds bytes read from the transport; all of them are consumed. */
    public void receive(ByteBuffer bytes, long nowNanos) {
        lastNowNanos = nowNanos;
        runDeferred(nowNanos, false);
        if (!inputDone && bytes.hasRemaining()) {
            heartbeat.onBytesReceived(nowNanos);
            try {
                decodeAll(bytes, nowNanos);
            } catch (WebSocketProtocolException e) {
                fail(e);
            }
            frameDeadline.afterRead(!decoder.isAtFrameBoundary(), nowNanos);
        }
        bytes.position(bytes.limit()); // after a close or failure, the rest is discarded (§7.1.7)
    }

    /** The one loop over the decoder: each step is a whole frame, a header, a chunk or "need more". */
    private void decodeAll(ByteBuffer bytes, long nowNanos) throws WebSocketProtocolException {
        while (!inputDone) {
            switch (decoder.next(bytes)) {
                case NEED_MORE -> {
                    return;
                }
                case FRAME -> {
                    frameDeadline.frameEnded();
                    onWholeFrame(nowNanos);
                }
                case HEADER -> onHeader();
                case PAYLOAD_CHUNK -> onChunk(nowNanos);
            }
        }
    }

    private void onWholeFrame(long nowNanos) throws WebSocketProtocolException {
        Opcode opcode = decoder.opcode();
        if (opcode.isData()) {
            addIfNotNull(assembler.wholeFrame(opcode, decoder.fin(), hasRsv1(), decoder.chunkBuffer(),
                    decoder.chunkOffset(), decoder.chunkLength(), state == State.OPEN));
        } else {
            requireNoRsvOnControl(opcode);
            onControl(opcode, decoder.chunkBuffer().slice(decoder.chunkOffset(), decoder.chunkLength()), nowNanos);
        }
    }

    private void onHeader() throws WebSocketProtocolException {
        Opcode opcode = decoder.opcode();
        if (opcode.isData()) {
            // §10.4 in every state: a message over the limit fails here, before its payload arrives.
            assembler.frameStarted(opcode, decoder.fin(), hasRsv1(), decoder.payloadLength(), state == State.OPEN);
        } else {
            requireNoRsvOnControl(opcode);
            control.start();
        }
    }

    private boolean hasRsv1() {
        return (decoder.rsvBits() & FrameHeader.RSV1) != 0;
    }

    /** RFC 7692 §6.1: permessage-deflate never applies to control frames, so RSV1 there is an error. */
    private void requireNoRsvOnControl(Opcode opcode) throws WebSocketProtocolException {
        if (decoder.rsvBits() != 0) {
            throw new WebSocketProtocolException(CloseCode.PROTOCOL_ERROR,
                    "RSV1 is set on a %s frame; control frames are never compressed (RFC 7692 §6.1)".formatted(opcode));
        }
    }

    private void onChunk(long nowNanos) throws WebSocketProtocolException {
        Opcode opcode = decoder.opcode();
        boolean ends = decoder.chunkEndsFrame();
        if (ends) {
            frameDeadline.frameEnded();
        }
        if (opcode.isData()) {
            assembler.chunk(decoder.chunkBuffer(), decoder.chunkOffset(), decoder.chunkLength());
            if (ends) {
                addIfNotNull(assembler.frameEnded());
            }
        } else {
            control.append(decoder.chunkBuffer(), decoder.chunkOffset(), decoder.chunkLength());
            if (ends) {
                onControl(opcode, control.payload(), nowNanos);
            }
        }
    }

    private void addIfNotNull(ProtocolEvent message) {
        if (message != null) {
            events.add(message);
        }
    }

    /** The peer closed its side of TCP (read returned -1). */
    public void receiveEof(long nowNanos) {
        lastNowNanos = nowNanos;
        runDeferred(nowNanos, true); // the transport is gone: nobody can answer those messages now
        inputDone = true;
        closing.transportClosedByPeer();
        if (state != State.CLOSED) {
            String reason = state.canSend()
                    ? "the peer closed TCP without a close frame (RFC 6455 §7.1.5)"
                    : "the peer closed TCP before answering our close frame (RFC 6455 §7.1.5)";
            // §7.1.5: no close frame was received, so 1006; the peer closed first unless we had.
            finish(CloseStatus.abnormal(reason, state.canSend() ? Initiator.REMOTE : Initiator.LOCAL));
        }
    }

    /** Runs the timers (ping, pong timeout, idle timeout, close timeout) at {@code nowNanos}. */
    public void tick(long nowNanos) {
        lastNowNanos = nowNanos;
        runDeferred(nowNanos, false);
        if (frameOverdue(nowNanos)) {
            long startedMillisAgo = frameDeadline.millisSinceStart(nowNanos);
            frameDeadline.frameEnded();
            // §7.1.7 allows failing the connection at any time; 1008 (§7.4.1) says our policy ended it.
            fail(new WebSocketProtocolException(CloseCode.POLICY_VIOLATION, ("a frame started %d ms ago is still incomplete; "
                    + "the frame timeout is %s (RFC 6455 §7.4.1: 1008, policy)").formatted(startedMillisAgo,
                    config.frameTimeout())));
            return;
        }
        switch (state) {
            case OPEN, CLOSE_PENDING -> runHeartbeat(nowNanos);
            case CLOSING -> {
                if (closing.closeFrameOverdue(nowNanos)) {
                    inputDone = true;
                    closing.abandon();
                    finish(CloseStatus.abnormal("no close frame from the peer within "
                            + config.closeTimeout() + " (RFC 6455 §7.1.1)", Initiator.LOCAL));
                }
            }
            case CLOSED -> closing.tick(nowNanos);
        }
    }

    private void onControl(Opcode opcode, ByteBuffer payload, long nowNanos) throws WebSocketProtocolException {
        switch (opcode) {
            case PING -> onPing(payload);
            case PONG -> onPong(payload);
            case CLOSE -> onClose(payload, nowNanos);
            default -> throw new IllegalStateException("unreachable: " + opcode + " is not a control opcode");
        }
    }

    private void onPing(ByteBuffer payload) {
        if (state != State.OPEN) {
            return; // nothing may follow our close frame (§5.5.1)
        }
        ByteBuffer copy = copy(payload);
        events.add(new ProtocolEvent.PingReceived(copy));
        if (config.autoPong()) {
            out.control(Frame.pong(copy.duplicate())); // §5.5.3: the pong echoes the ping's payload
        }
    }

    private void onPong(ByteBuffer payload) {
        heartbeat.onPong(payload);
        if (state == State.OPEN) {
            events.add(new ProtocolEvent.PongReceived(copy(payload)));
        }
    }

    private void onClose(ByteBuffer payload, long nowNanos) throws WebSocketProtocolException {
        CloseStatus status = CloseStatus.parse(payload); // the one parse of the close payload
        inputDone = true; // §5.5.1: nothing the peer sends after its close frame counts
        if (mustDefer()) {
            deferredPeerClose = status;
            state = State.CLOSE_PENDING;
            return;
        }
        closeReceived(status, nowNanos);
    }

    private void closeReceived(CloseStatus received, long nowNanos) {
        // The peer's frame either starts the close (OPEN) or answers ours (CLOSING).
        CloseStatus status = received.withInitiator(state.canSend() ? Initiator.REMOTE : Initiator.LOCAL);
        events.add(new ProtocolEvent.CloseReceived(status));
        if (state.canSend()) {
            // §5.5.1: answer with a close frame, echoing the status code received.
            CloseCode code = status.closeCode();
            out.control(code == CloseCode.NO_STATUS_RECEIVED ? Frame.close(null, null) : Frame.close(code, ""));
        }
        closing.completed(nowNanos);
        finish(status);
    }

    private void runHeartbeat(long nowNanos) {
        switch (heartbeat.due(nowNanos)) {
            case SEND_PING -> out.control(Frame.ping(heartbeat.pingSent(nowNanos)));
            case PONG_TIMEOUT -> fail(new PongTimeoutException(config.pongTimeout()));
            case IDLE_TIMEOUT -> {
                WebSocketProtocolException idle = new WebSocketProtocolException(CloseCode.GOING_AWAY,
                        "nothing received for %s (idle timeout)".formatted(config.idleTimeout()));
                events.add(new ProtocolEvent.Failed(idle));
                startClose(CloseCode.GOING_AWAY, "idle timeout");
            }
            case NONE -> { }
        }
    }

    /** Fails the connection (RFC 6455 §7.1.7): send our close frame if we still may, then CLOSED. */
    private void fail(WebSocketException error) {
        inputDone = true;
        if (mustDefer()) {
            deferredFailure = error;
            state = State.CLOSE_PENDING;
            return;
        }
        failNow(error);
    }

    private void failNow(WebSocketException error) {
        events.add(new ProtocolEvent.Failed(error));
        if (state.canSend()) {
            out.control(Frame.close(error.closeCode(), truncateUtf8(error.getMessage(), 123)));
        }
        closing.abandon();
        // §7.1.5: no close frame was received, so the connection's close code is 1006.
        finish(CloseStatus.abnormal(error.getMessage(), Initiator.LOCAL));
    }

    /**
     * Messages that arrived in the same read as a close frame (or a bad frame) are still to be
     * delivered: the application may answer them, and those answers belong before our close
     * frame (Autobahn 1.x and 7.1.1: "message then close" echoes the message). So the close or
     * failure is acted upon at the first {@link #receive} or {@link #tick} after those events
     * were polled (or at {@link #receiveEof}), and {@link #nextDeadlineNanos()} asks for that
     * tick at once. Input behind the close frame is discarded meanwhile, as it would be anyway.
     */
    private boolean mustDefer() {
        return state.canSend() && !events.isEmpty();
    }

    private void runDeferred(long nowNanos, boolean evenIfEventsArePending) {
        if (!events.isEmpty() && !evenIfEventsArePending) {
            return;
        }
        if (deferredPeerClose != null) {
            CloseStatus status = deferredPeerClose;
            deferredPeerClose = null;
            closeReceived(status, nowNanos);
        } else if (deferredFailure != null) {
            WebSocketException error = deferredFailure;
            deferredFailure = null;
            failNow(error);
        }
    }

    private void finish(CloseStatus status) {
        state = State.CLOSED;
        if (deflate != null) {
            deflate.close();
        }
        if (!closedEmitted) {
            closedEmitted = true;
            events.add(new ProtocolEvent.Closed(status));
        }
    }

    // ---------------------------------------------------------------- output

    /** Events since the last poll, oldest first. */
    public List<ProtocolEvent> pollEvents() {
        if (events.isEmpty()) {
            return List.of();
        }
        List<ProtocolEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    /** Encoded frames to write, in order, since the last poll. */
    public List<ByteBuffer> pollOutgoing() {
        return out.drain();
    }

    /** True when the adapter must close TCP now (after writing {@link #pollOutgoing()}). */
    public boolean shouldCloseTransport() {
        return state == State.CLOSED && closing.transportCloseDue();
    }

    /** When {@link #tick} must be called next; {@link Long#MAX_VALUE} when no timer runs. */
    public long nextDeadlineNanos() {
        if (deferredPeerClose != null || deferredFailure != null) {
            return lastNowNanos; // due now: see mustDefer()
        }
        long timers = switch (state) {
            case OPEN, CLOSE_PENDING -> heartbeat.nextDeadlineNanos();
            case CLOSING, CLOSED -> closing.nextDeadlineNanos();
        };
        return Math.min(timers, frameDeadlineNanos());
    }

    /** The frame timeout applies while the peer may still send and input is read (never in CLOSE_PENDING). */
    private long frameDeadlineNanos() {
        return inputDone || state == State.CLOSED ? Long.MAX_VALUE : frameDeadline.deadlineNanos();
    }

    private boolean frameOverdue(long nowNanos) {
        long deadline = frameDeadlineNanos();
        return deadline != Long.MAX_VALUE && nowNanos - deadline >= 0;
    }

    public State state() {
        return state;
    }

    /** True while the application may still send ({@link State#OPEN} or {@link State#CLOSE_PENDING}). */
    public boolean isOpen() {
        return state.canSend();
    }

    public Role role() {
        return role;
    }

    /** True when the handshake agreed to permessage-deflate (RFC 7692) for this connection. */
    public boolean isDeflateAgreed() {
        return deflate != null;
    }

    // ---------------------------------------------------------------- commands

    /** Sends a whole text message in one frame. */
    public void sendText(String text) {
        requireOpen();
        if (deflate != null) {
            out.requireBetweenMessages(); // before the compressor sees a message that will be refused
        }
        out.message(deflate == null ? Frame.text(text) : deflate.text(text));
    }

    /** Sends a whole binary message in one frame; {@code data}'s position is not moved. */
    public void sendBinary(ByteBuffer data) {
        requireOpen();
        if (deflate != null) {
            out.requireBetweenMessages(); // before the compressor sees a message that will be refused
        }
        out.message(deflate == null ? Frame.binary(data.duplicate()) : deflate.binary(data.duplicate()));
    }

    /**
     * Sends one fragment (RFC 6455 §5.4): TEXT or BINARY starts a message, CONTINUATION
     * continues it, {@code fin} ends it. Pings, pongs and close may be sent in between.
     */
    public void sendFragment(Opcode opcodeOrContinuation, ByteBuffer data, boolean fin) {
        requireOpen();
        if (deflate == null) {
            out.fragment(opcodeOrContinuation, data.duplicate(), fin);
        } else {
            out.requireFragmentAllowed(opcodeOrContinuation);
            out.fragment(deflate.fragment(opcodeOrContinuation, data.duplicate(), fin));
        }
    }

    public void sendPing(ByteBuffer payload) {
        requireOpen();
        out.control(Frame.ping(payload.duplicate()));
    }

    public void sendPong(ByteBuffer payload) {
        requireOpen();
        out.control(Frame.pong(payload.duplicate()));
    }

    /** Starts the closing handshake (RFC 6455 §7.1.2); {@code code == null} sends an empty close frame. */
    public void close(CloseCode code, String reason) {
        requireOpen();
        startClose(code, reason);
    }

    /**
     * {@link #close(CloseCode, String)} from a thread that has the time: the close timeout
     * (RFC 6455 §7.1.1) then runs from {@code nowNanos}, not from the last time passed in.
     */
    public void close(CloseCode code, String reason, long nowNanos) {
        requireOpen();
        if (nowNanos - lastNowNanos > 0) {
            lastNowNanos = nowNanos;
        }
        startClose(code, reason);
    }

    private void startClose(CloseCode code, String reason) {
        out.control(Frame.close(code, reason));
        state = State.CLOSING;
        closing.closeSentFirst(lastNowNanos);
    }

    private void requireOpen() {
        if (!state.canSend()) {
            throw new IllegalStateException("connection is " + state + "; nothing more may be sent (RFC 6455 §5.5.1)");
        }
    }

    private static ByteBuffer copy(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        return copy.put(payload.duplicate()).flip();
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
