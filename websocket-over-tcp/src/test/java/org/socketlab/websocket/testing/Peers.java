package org.socketlab.websocket.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the interoperability peers outside the JVM and starts their scripts
 * ({@code src/test/resources/peers/}). A missing peer skips the test with an install hint,
 * or fails it when {@code SOCKETLAB_REQUIRE_PEERS=true} (CI).
 */
public final class Peers {

    public static final String PYTHON = "/usr/bin/python3";
    private static final boolean REQUIRED = "true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"));

    private Peers() {
    }

    /** Node with the ws package installed in {@code .ci/node}; skips (or fails in CI) otherwise. */
    public static Path requireNodeWs() {
        Path modules = repositoryRoot().resolve(".ci/node/node_modules");
        boolean present = Files.isDirectory(modules.resolve("ws")) && runs("node", "--version");
        require(present, "Node's ws is missing: run `cd .ci/node && npm ci` (needs node on PATH)");
        return modules;
    }

    /** Node with the npm package {@code name} installed in {@code .ci/node}; skips (or fails in CI) otherwise. */
    public static Path requireNodeModule(String name) {
        Path modules = requireNodeWs();
        require(Files.isDirectory(modules.resolve(name)), "npm's " + name + " is missing: run `cd .ci/node && npm ci`");
        return modules.resolve(name);
    }

    /** Debian's python3-websockets for /usr/bin/python3; skips (or fails in CI) otherwise. */
    public static void requirePythonWebsockets() {
        require(runs(PYTHON, "-c", "import websockets"),
                "Python websockets is missing: run `apt-get install -y python3-websockets` (used via /usr/bin/python3)");
    }

    /**
     * An executable peer such as {@code /usr/bin/redis-server}: the first of {@code candidates}
     * that exists and runs with {@code versionFlag}; skips (or fails in CI) otherwise.
     */
    public static Path requireExecutable(String hint, String versionFlag, String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path) && runs(candidate, versionFlag)) {
                return path;
            }
        }
        require(false, hint);
        throw new IllegalStateException("unreachable: require() skips or fails");
    }

    static void require(boolean present, String hint) {
        if (!present && REQUIRED) {
            fail("SOCKETLAB_REQUIRE_PEERS=true but a peer is missing. " + hint);
        }
        assumeTrue(present, hint);
    }

    public static PeerProcess startNode(String script, String... args) throws IOException {
        Path modules = requireNodeWs();
        List<String> command = new ArrayList<>(List.of("node", script(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("NODE_PATH", modules.toString());
        return new PeerProcess("node " + script, builder.start());
    }

    public static PeerProcess startPython(String script, String... args) throws IOException {
        requirePythonWebsockets();
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script(script).toString()));
        command.addAll(List.of(args));
        return new PeerProcess("python " + script, new ProcessBuilder(command).start());
    }

    private static Path script(String name) {
        try {
            return Path.of(Peers.class.getResource("/peers/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("peer script /peers/" + name + " is not on the test classpath", e);
        }
    }

    /** The directory holding {@code .ci/node}: the module's parent when run by Maven. */
    public static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve(".ci"))) {
                return candidate;
            }
        }
        return dir;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
