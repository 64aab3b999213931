package org.socketlab.labs.socketio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Lab 13, part 8: one message — {@code ["hi"]} — over each SockJS transport of an echo endpoint
 * at {@code /echo}, printed as it travels. Each method returns the frames the client received,
 * in order, so the grading suite can check them.
 */
public final class SockJsTour {

    private final int port;
    private final Consumer<String> tap;
    private int sessions;

    public SockJsTour(int port, Consumer<String> tap) {
        this.port = port;
        this.tap = tap;
    }

    private String sessionUrl() {
        return "/echo/000/lab13-" + (++sessions) + "-" + System.nanoTime();
    }

    /** xhr-polling: each POST /xhr returns one batch of frames; POST /xhr_send carries ["hi"] (204). */
    public List<String> xhrPolling() throws IOException {
        String url = sessionUrl();
        List<String> frames = new ArrayList<>();
        frames.add(whole("POST", url + "/xhr", null));
        whole("POST", url + "/xhr_send", "[\"hi\"]");
        frames.add(whole("POST", url + "/xhr", null));
        return frames;
    }

    /** jsonp-polling: GET /jsonp?c=cb returns cb("frame"); POST /jsonp_send carries d=["hi"] form-encoded. */
    public List<String> jsonpPolling() throws IOException {
        String url = sessionUrl();
        List<String> frames = new ArrayList<>();
        frames.add(whole("GET", url + "/jsonp?c=cb", null));
        try (SockJsWire send = SockJsWire.send(port, "POST", url + "/jsonp_send", "application/x-www-form-urlencoded",
                "d=%5B%22hi%22%5D", tap)) {
            send.body(send.head());
        }
        frames.add(whole("GET", url + "/jsonp?c=cb", null));
        return frames;
    }

    /**
     * A streaming transport ({@code xhr_streaming} POST, {@code eventsource} or {@code htmlfile?c=cb}
     * GET): one response, one chunk per frame after the prelude; ["hi"] goes in by xhr_send meanwhile.
     */
    public List<String> streaming(String method, String transport) throws IOException {
        String url = sessionUrl();
        List<String> frames = new ArrayList<>();
        try (SockJsWire stream = SockJsWire.send(port, method, url + "/" + transport, "text/plain",
                method.equals("POST") ? "" : null, tap)) {
            stream.head();
            stream.chunk(); // the prelude
            frames.add(stream.chunk());
            whole("POST", url + "/xhr_send", "[\"hi\"]");
            frames.add(stream.chunk());
        }
        return frames;
    }

    /** websocket: the same frames as WebSocket text messages, no HTTP framing around them. */
    public List<String> webSocket() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        String url = "ws://127.0.0.1:" + port + sessionUrl() + "/websocket";
        tap.accept("  -> GET " + url + " (Upgrade: websocket)");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        List<String> frames = new ArrayList<>();
        frames.add(next(received));
        tap.accept("  -> text frame [\"hi\"]");
        socket.sendText("[\"hi\"]", true).get(5, TimeUnit.SECONDS);
        frames.add(next(received));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        return frames;
    }

    private String next(LinkedBlockingQueue<String> received) throws InterruptedException {
        String frame = received.poll(5, TimeUnit.SECONDS);
        tap.accept("  <- text frame " + (frame == null ? "(none within 5 s)" : frame));
        return frame;
    }

    private String whole(String method, String target, String body) throws IOException {
        try (SockJsWire wire = SockJsWire.send(port, method, target, "text/plain", body, tap)) {
            return wire.body(wire.head());
        }
    }
}
