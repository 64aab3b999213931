package org.socketlab.websocket.realtime;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peers only the realtime tests need (curl, Chromium with chromedriver). Node peers come
 * from {@link org.socketlab.websocket.testing.Peers}; the rule is the same: a missing peer
 * skips with an install hint, or fails when {@code SOCKETLAB_REQUIRE_PEERS=true}.
 */
final class RealtimePeers {

    static final Path CURL = Path.of("/usr/bin/curl");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final boolean REQUIRED = "true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"));

    private RealtimePeers() {
    }

    static void requireCurl() {
        require(Files.isExecutable(CURL), "curl is missing: run `apt-get install -y curl`");
    }

    static void requireChromium() {
        require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is missing: run `apt-get install -y chromium chromium-driver` "
                        + "(/usr/bin/chromium and /usr/bin/chromedriver)");
    }

    static void requireNodeEventSource() {
        Path modules = org.socketlab.websocket.testing.Peers.repositoryRoot().resolve(".ci/node/node_modules");
        require(Files.isDirectory(modules.resolve("eventsource")),
                "npm's eventsource is missing: run `cd .ci/node && npm ci` (needs node on PATH)");
    }

    private static void require(boolean present, String hint) {
        if (!present && REQUIRED) {
            fail("SOCKETLAB_REQUIRE_PEERS=true but a peer is missing. " + hint);
        }
        assumeTrue(present, hint);
    }
}
