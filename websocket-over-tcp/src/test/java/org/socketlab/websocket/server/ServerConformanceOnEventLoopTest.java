package org.socketlab.websocket.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;

/**
 * Every end-to-end conformance case (Autobahn-style sections 1–10, strict, and the UTF-8
 * cases) run again against the event-loop transport ({@link ConnectionThreads#EVENT_LOOP}):
 * the same bytes in, the same bytes and close codes out.
 */
@Timeout(30)
@DisplayName("Server conformance on the event loop")
class ServerConformanceOnEventLoopTest extends ServerConformanceTest {

    @Override
    ConnectionThreads threads() {
        return ConnectionThreads.EVENT_LOOP;
    }

    @Nested
    @DisplayName("UTF-8 on the event loop")
    class Utf8OnEventLoop extends ServerUtf8ConformanceTest {
        @Override
        ConnectionThreads threads() {
            return ConnectionThreads.EVENT_LOOP;
        }
    }
}
