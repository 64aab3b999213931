package org.socketlab.labs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;

/**
 * Headless Chromium remote-controlled through the Chrome DevTools Protocol — which is itself
 * JSON over a WebSocket, so our own {@link WebSocketClient} drives the browser. Used by lab 11
 * to take the screenshot in its guide. One page; not thread-safe.
 *
 * <pre>{@code
 * try (DevToolsBrowser browser = DevToolsBrowser.launch(Path.of("/usr/bin/chromium"))) {
 *     browser.viewport(1000, 640, 1, false);
 *     browser.navigate("http://127.0.0.1:8080/?room=lobby&nick=ana");
 *     browser.awaitTrue("document.querySelectorAll('.message').length > 2", Duration.ofSeconds(10));
 *     Files.write(Path.of("chat.png"), browser.screenshotPng());
 * }
 * }</pre>
 */
public final class DevToolsBrowser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path profile;
    private final Session socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final String sessionId;

    private DevToolsBrowser(Process process, Path profile, URI devtools) throws Exception {
        this.process = process;
        this.profile = profile;
        // CDP replies (a screenshot is a few MiB of base64) arrive as text messages with an "id".
        this.socket = WebSocketClient.connect(devtools, new WebSocketHandler() {
            @Override
            public void onText(Session session, String text) {
                onReply(text);
            }
        }, ClientOptions.defaults().maxMessageSize(64L << 20));
        String targetId = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        this.sessionId = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId").asText();
    }

    /** Starts {@code chromium} headless, off the network, with a fresh profile, and attaches to a new page. */
    public static DevToolsBrowser launch(Path chromium) throws Exception {
        Path profile = Files.createTempDirectory("socketlab-devtools-");
        Process process = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-sync", "--disable-component-update",
                "--disable-quic", "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            return new DevToolsBrowser(process, profile, awaitDevToolsUri(process));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on stderr. */
    private static URI awaitDevToolsUri(Process process) throws Exception {
        CompletableFuture<URI> found = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) { // keep draining so Chromium never blocks
                    int at = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on") && at >= 0) {
                        found.complete(URI.create(line.substring(at).trim()));
                    }
                }
            } catch (IOException e) {
                found.completeExceptionally(e);
            }
            found.completeExceptionally(new IOException("Chromium exited without a DevTools address"));
        });
        return found.get(30, TimeUnit.SECONDS);
    }

    /** Sets the page's viewport, like the device toolbar of DevTools. */
    public void viewport(int width, int height, double scale, boolean mobile) throws Exception {
        call(sessionId, "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", mobile));
    }

    public void navigate(String url) throws Exception {
        call(sessionId, "Page.navigate", Map.of("url", url));
    }

    /** Runs {@code expression} in the page; returns its value (promises are awaited). */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call(sessionId, "Runtime.evaluate",
                Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("the page threw: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Polls {@code condition} in the page (every 50 ms, inside the page) until it is true. */
    public void awaitTrue(String condition, Duration timeout) throws Exception {
        String script = "new Promise((resolve, reject) => { const end = Date.now() + " + timeout.toMillis() + ";"
                + " const check = () => { try { if (" + condition + ") return resolve(true); } catch (e) {}"
                + " if (Date.now() > end) return reject(new Error('timed out: ' + " + JSON.writeValueAsString(condition)
                + ")); setTimeout(check, 50); }; check(); })";
        evaluate(script);
    }

    /** The page as a PNG. */
    public byte[] screenshotPng() throws Exception {
        // Two animation frames: let a layout change (a new viewport) reach the screen first.
        evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        String data = call(sessionId, "Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        return Base64.getDecoder().decode(data);
    }

    private JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", JSON.valueToTree(params));
        if (session != null) {
            command.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(command.toString());
        JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IOException(method + " failed: " + answer.path("error"));
        }
        return answer.path("result");
    }

    private void onReply(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            CompletableFuture<JsonNode> reply = message.has("id") ? pending.remove(message.path("id").asLong()) : null;
            if (reply != null) {
                reply.complete(message);
            }
        } catch (IOException e) {
            // not JSON: not a reply we wait for
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (socket.isOpen()) {
                socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}");
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(files::add);
            }
            files.forEach(path -> path.toFile().delete());
        }
    }
}
