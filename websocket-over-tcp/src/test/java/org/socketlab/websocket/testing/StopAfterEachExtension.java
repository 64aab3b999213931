package org.socketlab.websocket.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * After each test, stops every non-null {@link StopAfterEach} field of the test instance (and of
 * its enclosing instances, for {@code @Nested} tests) and sets it back to {@code null}: with
 * {@code stop(Duration)} when the value has one (servers: a bounded graceful stop), else
 * {@code close()} for an {@link AutoCloseable}.
 */
public final class StopAfterEachExtension implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : AnnotationSupport.findAnnotatedFields(instance.getClass(), StopAfterEach.class)) {
                field.setAccessible(true);
                Object resource = field.get(instance);
                if (resource != null) {
                    field.set(instance, null); // stopped once, even if stopping throws
                    stop(resource, Duration.ofMillis(field.getAnnotation(StopAfterEach.class).millis()), field);
                }
            }
        }
    }

    private static void stop(Object resource, Duration grace, Field field) throws Exception {
        Method stop = findStop(resource.getClass());
        if (stop != null) {
            stop.setAccessible(true);
            stop.invoke(resource, grace);
        } else if (resource instanceof AutoCloseable closeable) {
            closeable.close();
        } else {
            throw new IllegalStateException("@StopAfterEach field " + field.getName() + " holds a "
                    + resource.getClass().getName() + ", which has neither stop(Duration) nor close()");
        }
    }

    private static Method findStop(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod("stop", Duration.class);
            } catch (NoSuchMethodException notHere) {
                // look in the superclass
            }
        }
        return null;
    }
}
