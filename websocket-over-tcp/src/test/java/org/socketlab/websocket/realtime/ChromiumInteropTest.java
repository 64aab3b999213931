package org.socketlab.websocket.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium against the hand-written server: its EventSource (with a reconnect that
 * sends Last-Event-ID), fetch() for polling, and fetch()'s body reader for chunked streaming.
 * Driven by Selenium with /usr/bin/chromedriver (never downloaded) and a fresh profile.
 */
@Timeout(60)
class ChromiumInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ChromeDriverService service;
    private static ChromeDriver browser;
    private static Path profile;
    private RealtimeServer server;

    @BeforeAll
    static void startBrowser() throws Exception {
        RealtimePeers.requireChromium();
        profile = Files.createTempDirectory("socketlab-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(RealtimePeers.CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(RealtimePeers.CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-sync", "--disable-component-update",
                "--disable-quic", "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = RealtimeServer.start(0, RealtimeConfig.defaults().withTickInterval(Duration.ZERO)
                .withSseRetry(Duration.ofMillis(200)));
        // A same-origin page to run scripts on: the JSON of an empty poll.
        browser.get(server.baseUri() + "/poll");
    }

    @AfterEach
    void stopServer() {
        if (browser != null) {
            browser.executeScript("if (window.source) window.source.close();");
        }
        server.close();
    }

    /** Waits in the page until window[name] holds at least {@code count} entries; returns them. */
    @SuppressWarnings("unchecked")
    private List<Object> awaitInPage(String name, int count) {
        return (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const check = () => (window[arguments[0]] || []).length >= arguments[1]
                    ? done(window[arguments[0]]) : setTimeout(check, 10);
                check();""", name, count);
    }

    @Test
    void eventSourceGetsHelloAndTicks_andResumesWithLastEventId() {
        browser.executeScript("""
                window.got = [];
                window.source = new EventSource('/sse');
                source.addEventListener('hello', e => got.push({type: 'hello', data: e.data}));
                source.addEventListener('tick', e => got.push({type: 'tick', id: e.lastEventId, data: e.data}));""");
        assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
        Tick first = server.ticker().publish("ACME", 100_00);
        List<Object> events = awaitInPage("got", 2);
        assertThat(events.get(0)).isEqualTo(Map.of("type", "hello",
                "data", "welcome to the socketlab ticker\nsymbols: ACME GLOBEX INITECH"));
        assertThat(events.get(1)).isEqualTo(Map.of("type", "tick", "id", "1", "data", first.toJson()));

        server.disconnectStreams();
        assertThat(server.awaitSubscribers(0, WAIT)).isTrue();
        Tick missed = server.ticker().publish("ACME", 100_01);
        // hello again on the new connection, then the missed tick replayed from Last-Event-ID: 1.
        List<Object> after = awaitInPage("got", 4);
        assertThat(after.get(3)).isEqualTo(Map.of("type", "tick", "id", "2", "data", missed.toJson()));
    }

    @Test
    void webSocketFromThePage_receivesTicks_andIsAnswered() {
        browser.executeScript("""
                window.messages = [];
                window.socket = new WebSocket('ws://' + location.host + '/ws');
                socket.onopen = () => socket.send('hi from chromium');
                socket.onmessage = e => messages.push(e.data);""");
        assertThat(awaitInPage("messages", 1)).containsExactly("ack: hi from chromium");
        assertThat(server.subscriberCount()).isEqualTo(1);
        Tick tick = server.ticker().publish("ACME", 100_00);
        assertThat(awaitInPage("messages", 2)).containsExactly("ack: hi from chromium", tick.toJson());
        browser.executeScript("socket.close(1000)");
        assertThat(server.awaitSubscribers(0, WAIT)).isTrue();
    }

    @Test
    void fetchPolls() {
        Tick tick = server.ticker().publish("ACME", 100_00);
        Object body = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/poll?since=0').then(r => r.json()).then(done, e => done(String(e)));""");
        assertThat(body).asString().contains("id=1").contains("symbol=ACME");
        assertThat(server.stats(Technique.POLLING).snapshot().events()).isEqualTo(1);
        assertThat(tick.id()).isEqualTo(1);
    }

    @Test
    void fetchReadsTheChunkedStream_eventByEvent() {
        browser.executeScript("""
                window.lines = [];
                fetch('/stream').then(async response => {
                  const reader = response.body.getReader();
                  const decoder = new TextDecoder();
                  let text = '';
                  for (;;) {
                    const {value, done} = await reader.read();
                    if (done) return;
                    text += decoder.decode(value, {stream: true});
                    let end;
                    while ((end = text.indexOf('\\n')) >= 0) {
                      const line = text.slice(0, end);
                      text = text.slice(end + 1);
                      if (line) lines.push(line);
                    }
                  }
                });""");
        assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
        Tick tick = server.ticker().publish("ACME", 100_00);
        assertThat(awaitInPage("lines", 1)).containsExactly(tick.toJson());
    }
}
