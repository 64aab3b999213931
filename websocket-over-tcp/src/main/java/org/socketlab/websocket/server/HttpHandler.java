package org.socketlab.websocket.server;

import java.net.InetSocketAddress;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * A plain request/response route (a JSON API, a page): it gets the whole request (body read
 * within the front door's limits) and returns the whole response. The front door writes it with
 * the write timeout, adds {@code Connection}, {@code X-Content-Type-Options: nosniff}, drops the
 * content for HEAD and keeps the connection for the next request (RFC 9112 §9.3).
 *
 * <p>Called concurrently for different connections; implementations must be thread-safe. A
 * {@link RuntimeException} is answered with a fixed 500 and logged.
 */
@FunctionalInterface
public interface HttpHandler {

    HttpResponse handle(HttpRequest request, InetSocketAddress remoteAddress);
}
