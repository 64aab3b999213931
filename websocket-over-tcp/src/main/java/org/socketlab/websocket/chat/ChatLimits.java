package org.socketlab.websocket.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * Every limit of the chat application, with safe defaults ({@link #defaults()}). The WebSocket
 * layer below has its own (frame and message size, connections); these are the chat's rules.
 *
 * @param maxNickLength     characters in a nickname (letters, digits, {@code _ . -})
 * @param maxRoomLength     characters in a room name (lower-case letters, digits, {@code _ -})
 * @param maxTextLength     characters (UTF-16 units) in one chat message
 * @param historySize       messages each room keeps and replays to a member who joins
 * @param maxRooms          rooms the server keeps at once; joining a new one beyond it is refused
 * @param maxRoomMembers    members of one room
 * @param burst             messages a connection may send at once before the rate limit applies
 * @param refillInterval    one more message is allowed per interval (token bucket)
 * @param typingInterval    at most one typing notice per connection per interval is relayed
 */
public record ChatLimits(int maxNickLength, int maxRoomLength, int maxTextLength, int historySize,
                         int maxRooms, int maxRoomMembers, int burst, Duration refillInterval,
                         Duration typingInterval) {

    public ChatLimits {
        requireAtLeast("maxNickLength", maxNickLength, 1);
        requireAtLeast("maxRoomLength", maxRoomLength, 1);
        requireAtLeast("maxTextLength", maxTextLength, 1);
        requireAtLeast("historySize", historySize, 0);
        requireAtLeast("maxRooms", maxRooms, 1);
        requireAtLeast("maxRoomMembers", maxRoomMembers, 1);
        requireAtLeast("burst", burst, 1);
        Objects.requireNonNull(refillInterval, "refillInterval");
        Objects.requireNonNull(typingInterval, "typingInterval");
        if (refillInterval.isNegative() || refillInterval.isZero()) {
            throw new IllegalArgumentException("refillInterval is " + refillInterval + "; it must be positive");
        }
        if (typingInterval.isNegative()) {
            throw new IllegalArgumentException("typingInterval is " + typingInterval + "; it must not be negative");
        }
    }

    /**
     * Nicknames up to 24 characters, rooms up to 32, messages up to 1,000 characters, 50 messages
     * of history per room, 100 rooms of 200 members, 10 messages at once then 5 a second, one
     * typing notice a second.
     */
    public static ChatLimits defaults() {
        return new ChatLimits(24, 32, 1000, 50, 100, 200, 10, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    public ChatLimits withHistorySize(int value) {
        return new ChatLimits(maxNickLength, maxRoomLength, maxTextLength, value, maxRooms, maxRoomMembers, burst,
                refillInterval, typingInterval);
    }

    public ChatLimits withMaxTextLength(int value) {
        return new ChatLimits(maxNickLength, maxRoomLength, value, historySize, maxRooms, maxRoomMembers, burst,
                refillInterval, typingInterval);
    }

    public ChatLimits withMaxRooms(int value) {
        return new ChatLimits(maxNickLength, maxRoomLength, maxTextLength, historySize, value, maxRoomMembers, burst,
                refillInterval, typingInterval);
    }

    public ChatLimits withRate(int burstMessages, Duration refill) {
        return new ChatLimits(maxNickLength, maxRoomLength, maxTextLength, historySize, maxRooms, maxRoomMembers,
                burstMessages, refill, typingInterval);
    }

    /** The largest WebSocket message a well-behaved page sends: a maximal message as JSON, escaped. */
    public long maxFrameBytes() {
        // Worst case: every character escaped as a 6-byte \\uXXXX sequence, plus the envelope.
        return 6L * Math.max(maxTextLength, maxNickLength + maxRoomLength) + 256;
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be at least " + minimum);
        }
    }
}
