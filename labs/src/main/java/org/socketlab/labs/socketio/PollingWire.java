package org.socketlab.labs.socketio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Socket.IO client by hand, over Engine.IO long-polling: every packet you see is a string you
 * could type. Each GET returns the server's queued packets (separated by the record separator
 * {@code \u001e}); each POST carries ours. Used by lab 13 and its grading suite. Not thread-safe.
 */
public final class PollingWire {

    public static final char RECORD_SEPARATOR = '\u001e';
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String endpoint;
    private final String sid;
    private final String openPacket;
    private final Deque<String> inbox = new ArrayDeque<>();
    private Consumer<String> tap = line -> { };

    private PollingWire(String endpoint, String openPacket) {
        this.endpoint = endpoint;
        this.openPacket = openPacket;
        int start = openPacket.indexOf("\"sid\":\"") + 7;
        this.sid = openPacket.substring(start, openPacket.indexOf('"', start));
    }

    /** {@code GET /socket.io/?EIO=4&transport=polling}: the handshake; the body is the open packet. */
    public static PollingWire handshake(int port) throws IOException, InterruptedException {
        String endpoint = "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling";
        HttpResponse<String> response = get(HttpClient.newHttpClient(), endpoint);
        if (response.statusCode() != 200 || !response.body().startsWith("0{")) {
            throw new IOException("handshake answered " + response.statusCode() + " " + response.body());
        }
        return new PollingWire(endpoint, response.body());
    }

    /** Prints (or records) every request and response line. */
    public PollingWire tap(Consumer<String> lines) {
        this.tap = lines;
        tap.accept("  GET  " + endpoint.substring(endpoint.indexOf("/socket.io")) + "\n    <- " + visible(openPacket));
        return this;
    }

    public String sid() {
        return sid;
    }

    public String openPacket() {
        return openPacket;
    }

    /** The URL of this session, with its sid. */
    public String sessionUrl() {
        return endpoint + "&sid=" + sid;
    }

    /** POSTs packets in one payload; the server answers {@code ok}. */
    public void send(String... packets) throws IOException, InterruptedException {
        String body = String.join(String.valueOf(RECORD_SEPARATOR), packets);
        tap.accept("  POST " + visible(body));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sessionUrl())).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST answered " + response.statusCode() + " " + response.body());
        }
    }

    /** One long-poll GET: the packets the server had (a {@code 6} noop when it had none in time). */
    public List<String> poll() throws IOException, InterruptedException {
        HttpResponse<String> response = get(http, sessionUrl());
        tap.accept("  GET  (long poll)\n    <- " + response.statusCode() + " " + visible(response.body()));
        if (response.statusCode() != 200) {
            throw new IOException("GET answered " + response.statusCode() + " " + response.body());
        }
        return Arrays.asList(response.body().split(String.valueOf(RECORD_SEPARATOR)));
    }

    /**
     * Polls until a packet matching {@code wanted} arrives and returns it; packets that do not
     * match are kept for later calls; pings ({@code 2}) are answered with pongs ({@code 3}).
     */
    public String await(Predicate<String> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            for (String packet : List.copyOf(inbox)) {
                if (wanted.test(packet)) {
                    inbox.remove(packet);
                    return packet;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no matching packet within " + TIMEOUT + "; received " + inbox);
            }
            for (String packet : poll()) {
                if (packet.equals("2")) {
                    send("3");
                } else if (!packet.equals("6")) {
                    inbox.add(packet);
                }
            }
        }
    }

    /** Packets received and not yet taken by {@link #await}. */
    public List<String> unclaimed() {
        return List.copyOf(inbox);
    }

    /** Any request to the endpoint, for experiments (e.g. an unknown sid). */
    public static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT.multipliedBy(6)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The record separator made visible as ␞. */
    public static String visible(String payload) {
        return payload.replace(RECORD_SEPARATOR, '␞');
    }
}
