package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socketlab.tcp.ConcurrencyStrategy;

/** Accept tickets follow the order of {@code dispatch} (the accept order), not the order tasks run in. */
class ArrivalOrderTest {

    /** Holds the dispatched tasks so the test decides when, and in which order, they run. */
    private static final class HeldTasks implements ConcurrencyStrategy {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public String name() {
            return "held";
        }

        @Override
        public void dispatch(Runnable connectionTask) {
            tasks.add(connectionTask);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public boolean awaitTermination(Duration timeout) {
            return true;
        }
    }

    @Test
    void aTaskSeesTheTicketOfItsDispatch_evenWhenItRunsAfterALaterOne() {
        HeldTasks held = new HeldTasks();
        ArrivalOrder order = new ArrivalOrder(held);
        List<Long> seen = new ArrayList<>();
        order.dispatch(() -> seen.add(order.acceptTicket())); // accepted first
        order.dispatch(() -> seen.add(order.acceptTicket())); // accepted second
        held.tasks.get(1).run(); // the second connection's thread is scheduled first
        held.tasks.get(0).run();
        assertThat(seen).as("tickets in run order (second task first)").containsExactly(2L, 1L);
        assertThat(order.next()).as("a later request's ticket").isEqualTo(3L);
    }

    @Test
    void theIterativeStrategy_restoresTheOuterTicket_andOutsideATaskAFreshTicketIsTaken() {
        ArrivalOrder order = new ArrivalOrder(ConcurrencyStrategy.iterative());
        List<Long> seen = new ArrayList<>();
        order.dispatch(() -> {
            order.dispatch(() -> seen.add(order.acceptTicket()));
            seen.add(order.acceptTicket());
        });
        assertThat(seen).containsExactly(2L, 1L);
        assertThat(order.acceptTicket()).as("no task running: a fresh ticket").isEqualTo(3L);
        assertThat(order.name()).isEqualTo("iterative");
    }
}
