package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.socketlab.websocket.sockjs.SessionState.Attach;
import org.socketlab.websocket.sockjs.SessionState.Tick;

/** The session rules of SockJS 0.3.3 (Protocol, HandlingClose), with time passed in. */
class SessionStateTest {

    private static final long SECOND = 1_000_000_000L;
    private final SessionState state = new SessionState(25 * SECOND, 5 * SECOND, 100, 0);
    private final Object first = new Object();
    private final Object second = new Object();

    @Test
    void firstReceiver_opensTheSession_andASecondOneIsBusy() {
        assertThat(state.attach(first, 1, 0)).isEqualTo(Attach.OPENED);
        assertThat(state.attach(second, 2, 0)).isEqualTo(Attach.BUSY);
        state.detach(first, 1);
        assertThat(state.attach(second, 2, 2)).isEqualTo(Attach.ATTACHED);
    }

    @Test
    void messages_comeOutInOrder_asOneFrame() {
        state.attach(first, 1, 0);
        state.queue("a");
        state.queue("b");
        assertThat(state.nextFrame(1).text()).isEqualTo("a[\"a\",\"b\"]");
        assertThat(state.nextFrame(1)).isNull();
    }

    @Test
    void afterClose_queuedMessagesGoFirst_thenEveryReceiverGetsTheCloseFrame() {
        state.attach(first, 1, 0);
        state.queue("last");
        state.close(SockJsFrame.close(3000, "Go away!"));
        assertThat(state.nextFrame(1).text()).isEqualTo("a[\"last\"]");
        assertThat(state.nextFrame(1).text()).isEqualTo("c[3000,\"Go away!\"]");
        state.detach(first, 2);
        assertThat(state.attach(second, 2, 3)).isEqualTo(Attach.CLOSED);
        assertThatThrownBy(() -> state.queue("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSING");
    }

    @Test
    void heartbeat_isDueAfterTheIntervalOfSilence() {
        state.attach(first, 1, 0);
        assertThat(state.tick(24 * SECOND)).isEqualTo(Tick.NONE);
        assertThat(state.tick(25 * SECOND)).isEqualTo(Tick.HEARTBEAT);
        assertThat(state.nextFrame(25 * SECOND)).isEqualTo(SockJsFrame.HEARTBEAT);
        assertThat(state.tick(26 * SECOND)).isEqualTo(Tick.NONE);
    }

    @Test
    void session_expiresAfterTheDisconnectDelayWithoutAReceiver() {
        state.attach(first, 1, 0);
        state.detach(first, 10 * SECOND);
        assertThat(state.tick(14 * SECOND)).isEqualTo(Tick.NONE);
        assertThat(state.tick(15 * SECOND)).isEqualTo(Tick.EXPIRED);
    }

    @Test
    void attachedReceiver_neverExpires() {
        state.attach(first, 1, 0);
        assertThat(state.tick(600 * SECOND)).isNotEqualTo(Tick.EXPIRED);
    }

    @Test
    void queueOverItsLimit_isRefused() {
        state.attach(first, 1, 0);
        assertThat(state.queue("x".repeat(100))).isTrue();
        assertThat(state.queue("y")).isFalse();
    }

    @Test
    void probe_isRequestedTakenOnceAndAnswered() {
        state.attach(first, 1, 0);
        state.requestProbe();
        assertThat(state.probePending()).isTrue();
        assertThat(state.takeProbeRequest()).isTrue();
        assertThat(state.takeProbeRequest()).isFalse();
        assertThat(state.probePending()).isTrue(); // being checked
        state.probeAnswered();
        assertThat(state.probePending()).isFalse();
    }

    // SockJS 0.3.3 Protocol.test_simpleSession / HandlingClose.test_abort_xhr_polling: poll A is
    // sent, then poll B; B must get 2010 even when B's thread attaches before A's (arrival order).

    @Test
    void anEarlierArrival_displacesALaterReceiverThatWroteNothing() {
        Object opener = new Object();
        state.attach(opener, 1, 0);
        state.nextFrame(0);
        state.detach(opener, 0);
        Object laterB = second;
        Object earlierA = first;
        assertThat(state.attach(laterB, 3, 1)).isEqualTo(Attach.ATTACHED); // B's thread won the race
        assertThat(state.attach(earlierA, 2, 1)).isEqualTo(Attach.ATTACHED); // A arrived first
        assertThat(state.isAttached(earlierA)).isTrue();
        assertThat(state.takeDisplaced(laterB)).isTrue(); // B writes c[2010,...] and ends
        assertThat(state.takeDisplaced(laterB)).isFalse(); // once
        assertThat(state.takeDisplaced(earlierA)).isFalse();
    }

    @Test
    void aLaterArrival_isBusy_whateverTheAttachedOneWrote() {
        state.attach(first, 1, 0);
        state.nextFrame(0);
        state.detach(first, 0);
        assertThat(state.attach(first, 2, 1)).isEqualTo(Attach.ATTACHED);
        assertThat(state.attach(second, 3, 1)).isEqualTo(Attach.BUSY);
        assertThat(state.isAttached(first)).isTrue();
        assertThat(state.takeDisplaced(first)).isFalse();
    }

    @Test
    void anEarlierArrival_isBusy_onceTheAttachedOneHasWrittenAFrame() {
        state.attach(first, 1, 0);
        state.nextFrame(0);
        state.detach(first, 0);
        assertThat(state.attach(second, 3, 1)).isEqualTo(Attach.ATTACHED);
        state.queue("m");
        assertThat(state.nextFrame(2).text()).isEqualTo("a[\"m\"]"); // its turn has written
        Object earlier = new Object();
        assertThat(state.attach(earlier, 2, 3)).isEqualTo(Attach.BUSY);
        assertThat(state.isAttached(second)).isTrue();
    }

    @Test
    void theOpeningReceiver_isNeverDisplaced_itWritesOAtOnce() {
        assertThat(state.attach(second, 5, 0)).isEqualTo(Attach.OPENED);
        assertThat(state.attach(first, 4, 0)).isEqualTo(Attach.BUSY);
        assertThat(state.takeDisplaced(second)).isFalse();
    }
}
