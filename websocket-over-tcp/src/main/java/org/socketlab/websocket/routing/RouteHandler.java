package org.socketlab.websocket.routing;

/**
 * The integration behind a custom route or {@code $default}: called on the connection's reading
 * thread, one message at a time per connection (messages of different connections run in
 * parallel, so a shared handler must be thread-safe). An exception is logged and the caller gets
 * {@code {"message":"Internal server error",...}}; the connection stays open.
 */
@FunctionalInterface
public interface RouteHandler {

    void handle(RouteContext context) throws Exception;
}
