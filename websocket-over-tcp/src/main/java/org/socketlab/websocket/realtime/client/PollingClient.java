package org.socketlab.websocket.realtime.client;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.Tick;

/**
 * Polling ({@code GET /poll?since=ID} every poll interval) or long polling
 * ({@code GET /long-poll?since=ID}, asked again as soon as the answer arrives). With keep-alive
 * one TCP connection carries every request; without it each request pays a new connection.
 */
public final class PollingClient extends TickerClient {

    private final boolean longPolling;

    PollingClient(TickerClientOptions options, ClientStats stats, Consumer<Tick> listener, boolean longPolling) {
        super(options, stats, listener);
        this.longPolling = longPolling;
    }

    @Override
    public Technique technique() {
        return longPolling ? Technique.LONG_POLLING : Technique.POLLING;
    }

    @Override
    protected void runSession() throws IOException, InterruptedException {
        try (RawHttpConnection connection = connect()) {
            // BEGIN SOLUTION lab=06 task="the polling loop: GET, read the answer, pause; a new connection per request without keep-alive (RFC 9112 §9.3)"
            while (isRunning()) {
                connection.send(RequestHeaders.get(options, target(), ""));
                stats.request();
                HttpResponse response = connection.readResponse();
                if (response == null) {
                    return; // the server closed an idle kept-alive connection: reconnect
                }
                handle(response);
                boolean serverCloses = response.headers().containsToken("Connection", "close");
                if (!longPolling) {
                    pause(options.pollInterval());
                }
                if (serverCloses || !options.keepAlive()) {
                    return;
                }
            }
            // END SOLUTION
        }
    }

    private String target() {
        String target = technique().path() + "?since=" + lastId;
        return longPolling ? target + "&timeout=" + options.longPollTimeout().toMillis() : target;
    }

    private void handle(HttpResponse response) throws IOException {
        if (response.status() != 200) {
            throw new IOException("server answered " + response.status() + " " + response.reason());
        }
        List<Tick> ticks = Tick.fromJsonArray(response.bodyText());
        if (ticks.isEmpty()) {
            stats.emptyResponse();
        }
        for (Tick tick : ticks) {
            deliver(tick, tick.toJson().length());
        }
    }
}
