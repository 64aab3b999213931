package org.socketlab.labs;

import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.chat.ChatServer;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 11 — a chat with a browser client. One port serves the page (plain HTTP GETs answered by
 * a hand-written static file handler) and the WebSocket endpoint {@code /ws/chat}; the page
 * uses the browser's own {@code new WebSocket(uri)} with onopen/onmessage/onclose, rooms,
 * presence, history, typing notices and reconnect with backoff. Guide:
 * labs/guides/11-browser-chat.md.
 *
 * <pre>
 * mvn -q compile exec:exec -pl labs -am -Dlab=11                        # http://127.0.0.1:8080/
 * mvn -q compile exec:exec -pl labs -am -Dargs="11 --port 9000 --for 60"
 * mvn -q compile exec:exec -pl labs -am -Dargs="11 --screenshot guides/img"   # relative to labs/
 * </pre>
 */
public final class Lab11BrowserChat {

    public static final String TITLE = "Chat with a browser client";
    public static final String SUMMARY = "a static page and /ws/chat on one port: rooms, presence, history, reconnect";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Lab11BrowserChat() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="11 --help"}. */
    @Command(name = "lab 11", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "address to listen on; 0.0.0.0 for a phone on your network"
                + " (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "(default: ${DEFAULT-VALUE})")
        int port = 8080;
        @Option(names = "--for", paramLabel = "SECONDS", description = "stop by itself after this long;"
                + " 0 = serve until Ctrl-C (default: ${DEFAULT-VALUE})")
        long seconds = 0;
        @Option(names = "--allowed-origin", paramLabel = "URL", description = "also allow this page origin (repeatable)")
        List<String> origins = new ArrayList<>();
        @Option(names = "--screenshot", paramLabel = "DIR", description = "drive headless Chromium, save screenshots, exit")
        Path screenshots;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            Cli.requireRange("--for", seconds, 0, 86_400);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        String host = options.host;
        int port = options.port;
        long seconds = options.seconds;
        Path screenshots = options.screenshots;
        List<String> origins = options.origins;
        Narrator narrator = new Narrator();
        System.out.println("Lab 11 — a chat with a browser client (the browser's WebSocket API)");
        try (ChatServer server = start(narrator, host, screenshots != null ? 0 : port, origins)) {
            if (screenshots != null) {
                screenshot(narrator, server, screenshots);
                return;
            }
            System.out.println("listening on " + server.url());
            narrator.part("Open the page");
            narrator.observe("open " + server.url() + " in two browser tabs (or two browsers), pick nicknames, chat");
            narrator.say("then stop this program with Ctrl+C and start it again: watch the pages reconnect");
            narrator.say("from a phone on your network: --host 0.0.0.0 --allowed-origin http://<this-ip>:" + port);
            // Unlike the other labs this one serves your browser tabs, so it runs until you stop it.
            if (seconds > 0) {
                narrator.say("this lab stops by itself in " + seconds + " s (--for " + seconds + ")");
            } else {
                narrator.say("this lab serves your browser until you press Ctrl+C (or pass --for SECONDS to stop by"
                        + " itself); then read labs/guides/11-browser-chat.md, section \"Experiments\"");
            }
            CountDownLatch forever = new CountDownLatch(1);
            if (seconds > 0) {
                forever.await(seconds, TimeUnit.SECONDS);
            } else {
                forever.await();
            }
        }
        narrator.part("Done");
        narrator.say("Next: labs/guides/11-browser-chat.md, section \"Experiments\".");
    }

    /** Starts the chat server and narrates the system calls behind it. */
    public static ChatServer start(Narrator narrator, String host, int port, List<String> origins) throws Exception {
        narrator.part("Start the server");
        ChatServer server = ChatServer.builder().host(host).port(port)
                .allowedOrigins(origins.toArray(String[]::new)).start();
        narrator.syscall("socket()", "a TCP socket for the listener, SO_REUSEADDR set (a restart can rebind at once)");
        narrator.syscall("bind()+listen()", "on " + server.url() + " — ONE port for the page and the WebSocket");
        narrator.syscall("accept()", "in a loop; each connection gets its own virtual thread");
        narrator.say("GET /, /chat.js, /chat.css  -> read() the request, write() the file, close(): plain HTTP");
        narrator.say("GET " + ChatServer.CHAT_PATH + " + Upgrade: websocket -> 101, then the same socket carries frames");
        narrator.observe("allowed page origins for " + ChatServer.CHAT_PATH + ": " + server.allowedOrigins());
        return server;
    }

    /**
     * Two scripted participants fill the room, then headless Chromium (driven through the
     * DevTools Protocol, over our own WebSocket client) joins as "ana" and is photographed at
     * desktop and phone size.
     */
    static void screenshot(Narrator narrator, ChatServer server, Path directory) throws Exception {
        narrator.part("Screenshot with headless Chromium");
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Chromium is missing: run `apt-get install -y chromium` (" + CHROMIUM + ")");
        }
        Files.createDirectories(directory);
        try (Participant minji = Participant.join(server, "minji");
             Participant tom = Participant.join(server, "tom")) {
            minji.say("hi all — is the lab 11 server up?");
            tom.say("yes! the page is plain HTML, CSS and the browser's own WebSocket API");
            minji.say("and it survives a server restart: it reconnects with backoff");
            tom.say("try <b>markup</b> or <img src=x onerror=alert(1)> — it stays text");
            try (DevToolsBrowser browser = DevToolsBrowser.launch(CHROMIUM)) {
                narrator.say("Chromium started; its DevTools Protocol is JSON over a WebSocket — our client drives it");
                browser.viewport(1000, 640, 1, false);
                browser.navigate(server.url() + "?room=lobby&nick=ana");
                browser.awaitTrue("document.querySelectorAll('#messages .message').length >= 4"
                        + " && document.querySelectorAll('#presence li').length >= 3", Duration.ofSeconds(15));
                browser.evaluate("document.getElementById('text').value = 'hello! joining from Chromium';"
                        + " document.getElementById('composer').requestSubmit(); true");
                browser.awaitTrue("document.querySelectorAll('#messages .message.mine').length >= 1", Duration.ofSeconds(10));
                tom.typing();
                browser.awaitTrue("document.getElementById('typing').textContent.includes('tom')", Duration.ofSeconds(10));
                Path desktop = directory.resolve("11-chat.png");
                Files.write(desktop, browser.screenshotPng());
                narrator.observe("wrote " + desktop);
                browser.viewport(375, 720, 2, true);
                tom.typing();
                Path phone = directory.resolve("11-chat-phone.png");
                Files.write(phone, browser.screenshotPng());
                narrator.observe("wrote " + phone);
            }
        }
    }

    /** A scripted chat participant on our own Java WebSocket client. */
    static final class Participant implements AutoCloseable {
        private final Session session;
        private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final String nick;

        private Participant(ChatServer server, String nick) throws Exception {
            this.nick = nick;
            session = WebSocketClient.connect(URI.create(server.webSocketUri()), new WebSocketHandler() {
                @Override
                public void onText(Session s, String text) {
                    events.add(text);
                }
            });
        }

        static Participant join(ChatServer server, String nick) throws Exception {
            Participant participant = new Participant(server, nick);
            participant.session.sendText("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"" + nick + "\"}");
            participant.await("\"type\":\"welcome\"");
            return participant;
        }

        void say(String text) throws InterruptedException {
            String quoted = TextNode.valueOf(text).toString();
            session.sendText("{\"type\":\"message\",\"text\":" + quoted + "}");
            // Our own message coming back means it is in the room's history (the others' don't count).
            await("\"nick\":\"" + nick + "\",\"text\":" + quoted);
        }

        void typing() {
            session.sendText("{\"type\":\"typing\"}");
        }

        private void await(String marker) throws InterruptedException {
            while (true) {
                String event = events.poll(10, TimeUnit.SECONDS);
                if (event == null) {
                    throw new IllegalStateException("no event containing " + marker + " within 10 s");
                }
                if (event.contains(marker)) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
