package org.socketlab.websocket.socketio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** A hand-written Engine.IO polling client for tests: strings in, strings out. Not thread-safe. */
final class PollingClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String url;
    private final List<String> inbox = new ArrayList<>();

    PollingClient(int port) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling";
        String open = get(base).body();
        int start = open.indexOf("\"sid\":\"") + 7;
        this.url = base + "&sid=" + open.substring(start, open.indexOf('"', start));
    }

    private HttpResponse<String> get(String target) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(target)).timeout(TIMEOUT.multipliedBy(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void send(String... packets) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\u001e", packets))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST answered " + response.statusCode() + " " + response.body());
        }
    }

    /** Polls until a packet matches; pings are answered. Fails after the timeout. */
    String await(Predicate<String> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String packet : List.copyOf(inbox)) {
                if (wanted.test(packet)) {
                    inbox.remove(packet);
                    return packet;
                }
            }
            HttpResponse<String> response = get(url);
            if (response.statusCode() != 200) {
                throw new IOException("GET answered " + response.statusCode() + " " + response.body());
            }
            for (String packet : Arrays.asList(response.body().split("\u001e"))) {
                if (packet.equals("2")) {
                    send("3");
                } else if (!packet.equals("6")) {
                    inbox.add(packet);
                }
            }
        }
        throw new AssertionError("no matching packet within " + TIMEOUT + "; received " + inbox);
    }

    /** CONNECTs to a namespace and returns the reply. */
    String connect(String namespace) throws IOException, InterruptedException {
        String prefix = namespace.equals("/") ? "40" : "40" + namespace + ",";
        send(prefix);
        return await(p -> p.startsWith(namespace.equals("/") ? "40" : "40" + namespace + ",")
                || p.startsWith("44"));
    }

    List<String> unclaimed() {
        return List.copyOf(inbox);
    }
}
