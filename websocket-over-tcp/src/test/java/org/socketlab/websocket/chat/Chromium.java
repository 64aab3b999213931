package org.socketlab.websocket.chat;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium driven through /usr/bin/chromedriver — given explicitly, so Selenium
 * Manager never looks for (or downloads) a driver — with a fresh profile and every flag that
 * keeps it off the network. A missing Chromium skips the test with an install hint, or fails it
 * when {@code SOCKETLAB_REQUIRE_PEERS=true} (CI).
 */
public final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final boolean REQUIRED = "true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"));

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(int width, int height) throws IOException {
        profile = Files.createTempDirectory("socketlab-chat-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-sync", "--disable-component-update",
                "--disable-quic", "--disable-dev-shm-usage", "--disable-extensions",
                "--window-size=" + Math.max(width, 500) + "," + height, "--user-data-dir=" + profile);
        if (width < 500) {
            // A desktop window cannot be narrower than 500 px; emulate a phone's viewport instead.
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
        }
        driver = new ChromeDriver(service, options);
    }

    /** Skips (or, in CI, fails) when Chromium or chromedriver is not installed. */
    public static void require() {
        boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        String hint = "Chromium is missing: run `apt-get install -y chromium chromium-driver` "
                + "(/usr/bin/chromium and /usr/bin/chromedriver)";
        if (!present && REQUIRED) {
            fail("SOCKETLAB_REQUIRE_PEERS=true but a peer is missing. " + hint);
        }
        assumeTrue(present, hint);
    }

    public static Chromium start(int width, int height) throws IOException {
        return new Chromium(width, height);
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
