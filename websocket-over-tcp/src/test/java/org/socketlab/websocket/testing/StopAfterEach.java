package org.socketlab.websocket.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test-instance field that holds a server to stop after every test — the fixture that
 * was an {@code @AfterEach void stop() { if (server != null) server.stop(...); }} in each class.
 * The class registers {@link StopAfterEachExtension} ({@code @ExtendWith}, inherited by
 * {@code @Nested} classes); a field still {@code null} is skipped.
 *
 * <pre>
 * &#64;ExtendWith(StopAfterEachExtension.class)
 * class WebSocketServerTest {
 *     &#64;StopAfterEach
 *     WebSocketServer server;
 * </pre>
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface StopAfterEach {

    /** The grace period handed to {@code stop(Duration)}, in milliseconds. */
    long millis() default 2000;
}
