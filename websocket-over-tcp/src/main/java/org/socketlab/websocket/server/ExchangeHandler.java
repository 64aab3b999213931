package org.socketlab.websocket.server;

import java.io.IOException;

/**
 * A route that gets the connection for a while: a held response (long poll, chunked stream,
 * SSE), a WebSocket upgrade decided per request, or a whole mounted server (Engine.IO,
 * Socket.IO) that dispatches its own requests. It must answer through the {@link HttpExchange}
 * ({@link HttpExchange#respond}, {@link HttpExchange#stream} or {@link HttpExchange#upgrade});
 * the front door then keeps or closes the connection as the exchange says.
 *
 * <p>Called concurrently for different connections, on their own (virtual) threads.
 */
@FunctionalInterface
public interface ExchangeHandler {

    void handle(HttpExchange exchange) throws IOException;
}
