package org.socketlab.websocket.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fixture stops what a test left in its field, also for @Nested tests and for AutoCloseables. */
@ExtendWith(StopAfterEachExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StopAfterEachExtensionTest {

    static final List<String> STOPPED = new CopyOnWriteArrayList<>();

    /** Stands in for a server: records the grace period it was stopped with. */
    static final class FakeServer {
        private final String name;

        FakeServer(String name) {
            this.name = name;
        }

        void stop(Duration grace) {
            STOPPED.add(name + " stopped within " + grace.toMillis() + " ms");
        }
    }

    @StopAfterEach(millis = 300)
    FakeServer server;

    @StopAfterEach
    AutoCloseable peer;

    @StopAfterEach
    FakeServer neverStarted;

    @Test
    @Order(1)
    void first_leavesAServerAndAPeerRunning() {
        STOPPED.clear();
        server = new FakeServer("outer");
        peer = () -> STOPPED.add("peer closed");
    }

    @Test
    @Order(2)
    void second_findsBothStoppedAndTheNullFieldSkipped() {
        assertThat(STOPPED).as("stopped after the first test").containsExactlyInAnyOrder(
                "outer stopped within 300 ms", "peer closed");
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class InANestedClass {

        @Test
        @Order(1)
        void first_setsTheOuterField() {
            STOPPED.clear();
            server = new FakeServer("from nested");
        }

        @Test
        @Order(2)
        void second_findsItStopped() {
            assertThat(STOPPED).as("the outer field, set by a nested test").containsExactly("from nested stopped within 300 ms");
        }
    }
}
