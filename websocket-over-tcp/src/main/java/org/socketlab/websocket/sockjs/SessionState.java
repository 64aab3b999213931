package org.socketlab.websocket.sockjs;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one SockJS session on the HTTP transports (SockJS 0.3.3, "Protocol and
 * framing", "Handling close"), as a pure object: receiving requests attach and detach, messages
 * queue, time is passed in and {@link #tick} says what is due. At most one receiving request is
 * attached at a time; a second one is told {@code c[2010,"Another connection still open"]}. "Second"
 * means by arrival, not by which thread got here first: a receiver that arrived later (a larger
 * arrival ticket) and has written nothing on its turn yet gives way to an earlier newcomer and
 * is told 2010 itself ({@link #takeDisplaced}) — what a server reading requests one at a time in
 * arrival order (sockjs-node) would have done. A
 * session with no receiving request for the disconnect delay has expired. After
 * {@link #close} every receiving request gets the close frame until the session expires.
 *
 * <p>Not thread-safe: {@link HttpSession} guards it with its lock.
 */
final class SessionState {

    enum Phase { NEW, OPEN, CLOSING }

    /** What a receiving request that tries to attach must do. */
    enum Attach {
        /** First receiver: write {@code o}, the session is open now. */
        OPENED,
        /** Attached to an open session: wait for frames. */
        ATTACHED,
        /** Another receiver is attached: write the 2010 frame and end. */
        BUSY,
        /** The session is closing: write its close frame and end. */
        CLOSED
    }

    enum Tick { NONE, HEARTBEAT, EXPIRED }

    private final long heartbeatNanos;
    private final long disconnectDelayNanos;
    private final long maxQueuedChars;
    private Phase phase = Phase.NEW;
    private final List<String> outbox = new ArrayList<>();
    private long queuedChars;
    private SockJsFrame closeFrame;
    private Object receiver;
    /** The attached receiver's arrival ticket, and whether it has taken a frame on this turn. */
    private long receiverArrival;
    private boolean receiverWrote;
    /** Receivers an earlier-arrived newcomer displaced, each still to write its 2010 frame. */
    private final List<Object> displaced = new ArrayList<>();
    private long detachedAt;
    private long lastFrameAt;
    private boolean heartbeatDue;
    /** A newcomer's request that the attached receiver check its client: none, requested, being checked. */
    private int probe;

    SessionState(long heartbeatNanos, long disconnectDelayNanos, long maxQueuedChars, long now) {
        this.heartbeatNanos = heartbeatNanos;
        this.disconnectDelayNanos = disconnectDelayNanos;
        this.maxQueuedChars = maxQueuedChars;
        this.detachedAt = now;
        this.lastFrameAt = now;
    }

    /**
     * Attaches {@code candidate}, which arrived with ticket {@code arrival} (smaller is earlier).
     * An attached receiver that arrived later and has written nothing yet is displaced.
     */
    Attach attach(Object candidate, long arrival, long now) {
        if (phase == Phase.CLOSING) {
            return Attach.CLOSED;
        }
        if (receiver != null) {
            if (receiverWrote || receiverArrival <= arrival) {
                return Attach.BUSY;
            }
            displaced.add(receiver); // it arrived second: it gets the 2010, the newcomer its place
            probe = 0;
        }
        receiver = candidate;
        receiverArrival = arrival;
        lastFrameAt = now;
        heartbeatDue = false;
        if (phase == Phase.NEW) {
            phase = Phase.OPEN;
            receiverWrote = true; // it writes "o" at once: its turn has started
            return Attach.OPENED;
        }
        receiverWrote = false;
        return Attach.ATTACHED;
    }

    /** True (once) when {@code candidate} was displaced by an earlier arrival: it must write 2010 and end. */
    boolean takeDisplaced(Object candidate) {
        return displaced.remove(candidate);
    }

    /** Ends {@code candidate}'s turn (if it is the attached one); the disconnect delay starts now. */
    void detach(Object candidate, long now) {
        if (receiver == candidate) {
            receiver = null;
            probe = 0;
            detachedAt = now;
        }
    }

    boolean isAttached(Object candidate) {
        return receiver == candidate;
    }

    boolean hasReceiver() {
        return receiver != null;
    }

    /** Queues a message; false when the queue would pass its limit (the caller closes the session). */
    boolean queue(String message) {
        if (phase != Phase.OPEN) {
            throw new IllegalStateException("the SockJS session is " + phase + ", not OPEN");
        }
        if (queuedChars + message.length() > maxQueuedChars) {
            return false;
        }
        outbox.add(message);
        queuedChars += message.length();
        return true;
    }

    /** The queued messages, oldest first, as one {@code a[...]} frame; null when none are queued. */
    SockJsFrame takeMessages() {
        if (outbox.isEmpty()) {
            return null;
        }
        SockJsFrame frame = SockJsFrame.messages(outbox);
        outbox.clear();
        queuedChars = 0;
        return frame;
    }

    /** Starts closing with {@code frame}; false when already closing. Queued messages still go first. */
    boolean close(SockJsFrame frame) {
        if (phase == Phase.CLOSING) {
            return false;
        }
        phase = Phase.CLOSING;
        closeFrame = frame;
        return true;
    }

    /** The next frame an attached receiver must write, or null: messages, then close, then a heartbeat. */
    SockJsFrame nextFrame(long now) {
        SockJsFrame frame = takeMessages();
        if (frame == null && phase == Phase.CLOSING) {
            frame = closeFrame;
        }
        if (frame == null && heartbeatDue) {
            frame = SockJsFrame.HEARTBEAT;
        }
        if (frame != null) {
            heartbeatDue = false;
            lastFrameAt = now;
            receiverWrote = true; // from now on a newcomer cannot take its place
        }
        return frame;
    }

    /** Heartbeat when a receiver has been silent for the interval; expiry after the disconnect delay. */
    Tick tick(long now) {
        if (receiver == null) {
            return now - detachedAt >= disconnectDelayNanos ? Tick.EXPIRED : Tick.NONE;
        }
        if (!heartbeatDue && phase == Phase.OPEN && now - lastFrameAt >= heartbeatNanos) {
            heartbeatDue = true;
            return Tick.HEARTBEAT;
        }
        return Tick.NONE;
    }

    /** A newcomer asks the attached receiver to check that its client is still there. */
    void requestProbe() {
        if (probe == 0) {
            probe = 1;
        }
    }

    /** The attached receiver takes the request (true once per request) and starts checking. */
    boolean takeProbeRequest() {
        if (probe == 1) {
            probe = 2;
            return true;
        }
        return false;
    }

    /** The attached receiver found its client still connected. */
    void probeAnswered() {
        probe = 0;
    }

    /** A probe is requested or being checked. */
    boolean probePending() {
        return probe != 0;
    }

    Phase phase() {
        return phase;
    }

    SockJsFrame closeFrame() {
        return closeFrame;
    }

    long queuedChars() {
        return queuedChars;
    }
}
