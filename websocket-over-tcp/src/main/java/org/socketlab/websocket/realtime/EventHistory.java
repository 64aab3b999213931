package org.socketlab.websocket.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The last {@code capacity} events in a ring buffer, so a client that reconnects with
 * {@code Last-Event-ID: n} (or polls with {@code since=n}) gets what it missed — as long as it
 * is still remembered. Ids must grow by one per event.
 *
 * <p>Not thread-safe: {@link Ticker} guards it with its lock.
 *
 * @param <E> the event type
 */
public final class EventHistory<E> {

    /** What a resume from a given id yields. */
    public record Resume<E>(List<E> events, boolean gap, long missed) {
    }

    private final Object[] ring;
    private final ToLongFunction<E> idOf;
    private long newestId;
    private int size;

    public EventHistory(int capacity, ToLongFunction<E> idOf) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1, got " + capacity);
        }
        this.ring = new Object[capacity];
        this.idOf = idOf;
    }

    /** Remembers {@code event}, forgetting the oldest when full. */
    public void append(E event) {
        long id = idOf.applyAsLong(event);
        if (size > 0 && id != newestId + 1) {
            throw new IllegalArgumentException("event ids must grow by one: after " + newestId + " came " + id);
        }
        ring[(int) Math.floorMod(id, (long) ring.length)] = event;
        newestId = id;
        size = Math.min(size + 1, ring.length);
    }

    /**
     * The remembered events with an id greater than {@code lastSeenId}, oldest first. When some
     * of them were already forgotten, {@link Resume#gap()} is true and {@link Resume#missed()}
     * says how many.
     */
    public Resume<E> after(long lastSeenId) {
        if (size == 0 || lastSeenId >= newestId) {
            return new Resume<>(List.of(), false, 0);
        }
        long oldest = oldestId();
        long first = Math.max(lastSeenId + 1, oldest);
        List<E> events = new ArrayList<>((int) (newestId - first + 1));
        for (long id = first; id <= newestId; id++) {
            events.add(get(id));
        }
        long missed = Math.max(0, oldest - (lastSeenId + 1));
        return new Resume<>(events, missed > 0, missed);
    }

    @SuppressWarnings("unchecked")
    private E get(long id) {
        return (E) ring[(int) Math.floorMod(id, (long) ring.length)];
    }

    /** Id of the oldest remembered event; {@code newestId() + 1} when empty. */
    public long oldestId() {
        return newestId - size + 1;
    }

    /** Id of the newest event, 0 before the first. */
    public long newestId() {
        return newestId;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }
}
