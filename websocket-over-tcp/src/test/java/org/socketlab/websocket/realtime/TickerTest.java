package org.socketlab.websocket.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class TickerTest {

    @Test
    void sameSeed_samePrices_andTheInjectedClockStampsEvents() {
        AtomicLong clock = new AtomicLong(1_000);
        Ticker first = new Ticker(List.of("A", "B"), 7, clock::incrementAndGet, 16);
        Ticker second = new Ticker(List.of("A", "B"), 7, () -> 0, 16);
        for (int i = 0; i < 20; i++) {
            Tick a = first.publish();
            Tick b = second.publish();
            assertThat(a.priceCents()).isEqualTo(b.priceCents());
            assertThat(a.symbol()).isEqualTo(i % 2 == 0 ? "A" : "B");
            assertThat(a.publishedNanos()).isEqualTo(1_001 + i);
        }
    }

    @Test
    void subscribeDeliversTheBacklogOnce_thenLiveEvents_withNothingLostInBetween() {
        Ticker ticker = new Ticker(List.of("A"), 1, () -> 0, 16);
        ticker.publish();
        ticker.publish();
        List<Long> live = new ArrayList<>();
        try (Ticker.Subscription subscription = ticker.subscribe(1, tick -> live.add(tick.id()))) {
            assertThat(subscription.backlog().events()).extracting(Tick::id).containsExactly(2L);
            ticker.publish();
            assertThat(live).containsExactly(3L);
            assertThat(ticker.subscriberCount()).isEqualTo(1);
        }
        ticker.publish();
        assertThat(live).containsExactly(3L);
        assertThat(ticker.subscriberCount()).isZero();
    }

    @Test
    void subscribeReplaying_handsTheBacklogToTheListenerFirst() {
        Ticker ticker = new Ticker(List.of("A"), 1, () -> 0, 16);
        ticker.publish();
        ticker.publish();
        List<Long> seen = new ArrayList<>();
        try (Ticker.Subscription subscription = ticker.subscribeReplaying(0, tick -> seen.add(tick.id()))) {
            ticker.publish();
            assertThat(seen).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void tickJsonRoundTrips() {
        Tick tick = new Tick(12, "ACME", 10_105, 99);
        assertThat(tick.toJson()).isEqualTo("{\"id\":12,\"symbol\":\"ACME\",\"price\":101.05,\"ts\":99}");
        assertThat(Tick.fromJson(tick.toJson())).isEqualTo(tick);
        assertThat(Tick.fromJsonArray(Tick.toJsonArray(List.of(tick, tick)))).containsExactly(tick, tick);
        assertThat(Tick.fromJsonArray("[]")).isEmpty();
    }
}
