package org.socketlab.websocket.realtime;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The event feed every technique serves: a random walk of stock prices. It never reads a clock
 * or starts a thread — time comes from the injected {@code clock}, prices from a seeded
 * {@link Random}, and somebody (a timer in {@link RealtimeServer}, or a test) calls
 * {@link #publish()}. The same seed gives the same prices.
 *
 * <p>Thread-safe. Listeners run on the publishing thread while the feed's lock is held, so
 * they see events in id order and must not block: they queue the event and return.
 */
public final class Ticker {

    /** A registered listener; {@link #close()} unsubscribes (idempotent). */
    public final class Subscription implements AutoCloseable {
        private final Consumer<Tick> listener;
        private final EventHistory.Resume<Tick> backlog;

        private Subscription(Consumer<Tick> listener, EventHistory.Resume<Tick> backlog) {
            this.listener = listener;
            this.backlog = backlog;
        }

        /** Events after the requested id that were published before subscribing. */
        public EventHistory.Resume<Tick> backlog() {
            return backlog;
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }

    private final List<String> symbols;
    private final long[] pricesCents;
    private final Random random;
    private final LongSupplier clock;
    private final EventHistory<Tick> history;
    private final Set<Subscription> subscribers = new CopyOnWriteArraySet<>();
    private long nextId = 1;

    /**
     * @param symbols         the instruments whose prices walk, one per event in turn
     * @param seed            the random walk's seed (print it to reproduce a run)
     * @param clock           nanosecond clock stamped on each event ({@code System::nanoTime} in a server)
     * @param historyCapacity how many events are remembered for resumption
     */
    public Ticker(List<String> symbols, long seed, LongSupplier clock, int historyCapacity) {
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a ticker needs at least one symbol");
        }
        this.symbols = List.copyOf(symbols);
        this.pricesCents = new long[symbols.size()];
        java.util.Arrays.fill(pricesCents, 100_00);
        this.random = new Random(seed);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.history = new EventHistory<>(historyCapacity, Tick::id);
    }

    /** Publishes the next price of the next symbol in turn. */
    public synchronized Tick publish() {
        int index = (int) ((nextId - 1) % symbols.size());
        // A walk of at most ±50 cents that never drops below one dollar.
        pricesCents[index] = Math.max(100, pricesCents[index] + random.nextInt(101) - 50);
        return publish(symbols.get(index), pricesCents[index]);
    }

    /** Publishes a chosen price (tests and demos). */
    public synchronized Tick publish(String symbol, long priceCents) {
        Tick tick = new Tick(nextId++, symbol, priceCents, clock.getAsLong());
        history.append(tick);
        for (Subscription subscription : subscribers) {
            subscription.listener.accept(tick);
        }
        return tick;
    }

    /**
     * Registers {@code listener} for every event after {@code lastSeenId}: those still in the
     * history come back in {@link Subscription#backlog()}, later ones go to the listener. Both
     * happen under one lock, so no event is missed or seen twice in between. An id newer than
     * the newest event (say, from before a server restart) counts as "from now on".
     */
    public synchronized Subscription subscribe(long lastSeenId, Consumer<Tick> listener) {
        Subscription subscription = new Subscription(Objects.requireNonNull(listener, "listener"),
                history.after(lastSeenId));
        subscribers.add(subscription);
        return subscription;
    }

    /**
     * Like {@link #subscribe}, but hands the backlog to {@code listener} itself, under the same
     * lock, before any live event: the listener sees every remembered event after
     * {@code lastSeenId} exactly once and in id order. For listeners that send at once (WebSocket).
     */
    public synchronized Subscription subscribeReplaying(long lastSeenId, Consumer<Tick> listener) {
        Subscription subscription = subscribe(lastSeenId, listener);
        subscription.backlog().events().forEach(listener);
        return subscription;
    }

    /** Events after {@code lastSeenId} still remembered (what a poll answers). */
    public synchronized EventHistory.Resume<Tick> since(long lastSeenId) {
        return history.after(lastSeenId);
    }

    /** Id of the newest event, 0 before the first. */
    public synchronized long lastId() {
        return history.newestId();
    }

    /** Listeners currently registered: each open stream, SSE or WebSocket client and waiting long poll. */
    public int subscriberCount() {
        return subscribers.size();
    }

    public List<String> symbols() {
        return symbols;
    }
}
