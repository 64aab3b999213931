package org.socketlab.websocket.chat;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.frame.CloseStatus;

/**
 * The {@code /ws/chat} endpoint: decodes each text message as a {@link ChatCommand}, checks it
 * ({@link ChatValidation}, a per-connection {@link RateLimiter}) and applies it to the
 * {@link ChatBackend} ({@link ChatRooms} in one process). A bad command is answered with an {@code error} event and the connection
 * stays open; binary messages are refused with 1003 (RFC 6455 §7.4.1: a type we cannot accept).
 *
 * <p>Thread-safe: callbacks of one session never overlap (the per-session state lives in its
 * attributes), callbacks of different sessions meet only in {@link ChatRooms}.
 */
public final class ChatHandler implements WebSocketHandler {

    private static final Logger LOG = System.getLogger(ChatHandler.class.getName());
    private static final String STATE = ChatHandler.class.getName() + ".state";

    private final ChatBackend rooms;
    private final ChatLimits limits;
    private final ChatValidation validation;
    private final Clock wallClock;
    private final LongSupplier nanoClock;

    public ChatHandler(ChatBackend rooms, ChatLimits limits) {
        this(rooms, limits, Clock.systemUTC(), System::nanoTime);
    }

    /** With injected clocks: {@code wallClock} stamps messages, {@code nanoClock} drives the rate limits. */
    public ChatHandler(ChatBackend rooms, ChatLimits limits, Clock wallClock, LongSupplier nanoClock) {
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.validation = new ChatValidation(limits);
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** What the chat remembers about one connection. Touched only by that connection's callbacks. */
    private static final class ConnectionState {
        final RateLimiter messages;
        long lastTypingNanos;
        boolean typedBefore;

        ConnectionState(RateLimiter messages) {
            this.messages = messages;
        }
    }

    @Override
    public void onOpen(Session session) {
        long now = nanoClock.getAsLong();
        session.attributes().put(STATE, new ConnectionState(
                new RateLimiter(limits.burst(), limits.refillInterval().toNanos(), now)));
        rooms.connected(session);
    }

    @Override
    public void onText(Session session, String text) {
        try {
            apply(session, ChatCodec.decode(text));
        } catch (ChatRejection rejection) {
            LOG.log(Level.DEBUG, "{0} ({1}): {2}", session.id(), session.remoteAddress(), rejection.getMessage());
            reply(session, ChatCodec.error(rejection));
        }
    }

    private void apply(Session session, ChatCommand command) throws ChatRejection {
        switch (command) {
            case ChatCommand.Join join -> rooms.join(session, validation.room(join.room()), validation.nick(join.nick()));
            case ChatCommand.Say say -> say(session, validation.text(say.text()));
            case ChatCommand.Typing ignored -> typing(session);
            case ChatCommand.Leave ignored -> rooms.leave(session);
        }
    }

    private void say(Session session, String text) throws ChatRejection {
        if (!rooms.isJoined(session)) {
            throw ChatRejection.notJoined();
        }
        if (!state(session).messages.tryAcquire(nanoClock.getAsLong())) {
            throw new ChatRejection("rate_limited", "too many messages: at most " + limits.burst()
                    + " at once, then one every " + limits.refillInterval().toMillis() + " ms; this one was dropped");
        }
        rooms.say(session, text, wallClock.millis());
    }

    /** Relays at most one typing notice per {@code typingInterval}; extra ones are dropped silently. */
    private void typing(Session session) {
        ConnectionState state = state(session);
        long now = nanoClock.getAsLong();
        if (state.typedBefore && now - state.lastTypingNanos < limits.typingInterval().toNanos()) {
            return;
        }
        state.typedBefore = true;
        state.lastTypingNanos = now;
        rooms.typing(session);
    }

    @Override
    public void onBinary(Session session, ByteBuffer data) {
        // RFC 6455 §7.4.1: 1003 — the endpoint received a type of data it cannot accept.
        session.close(1003, "the chat speaks JSON text messages only");
    }

    @Override
    public void onClose(Session session, CloseStatus status) {
        rooms.disconnected(session);
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(Level.DEBUG, "{0}: {1}", session.id(), error.toString());
    }

    private static ConnectionState state(Session session) {
        return (ConnectionState) session.attributes().get(STATE);
    }

    private static void reply(Session session, String event) {
        ConnectedSessions.send(session, event);
    }
}
