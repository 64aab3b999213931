package org.socketlab.tcp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's tshark on a capture file. Missing tshark skips the test with an install hint,
 * unless {@code SOCKETLAB_REQUIRE_PEERS=true} (CI), where it fails.
 */
final class Tshark {

    private static final String HINT = "tshark is not installed: `sudo apt-get install -y tshark` "
            + "(Debian; .ci/run installs it) to check pcap files with Wireshark's dissectors";

    private Tshark() {
    }

    static Path require() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"))) {
            fail(HINT + " (SOCKETLAB_REQUIRE_PEERS=true, so this is a failure)");
        }
        Assumptions.abort(HINT);
        return null;
    }

    /** Runs {@code tshark -r file args...} and returns stdout; fails on a non-zero exit or after 30 s. */
    static String read(Path capture, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(require().toString(), "-n", "-r", capture.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();           // ends when tshark exits
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("tshark did not finish within 30 s: " + command);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("tshark exit status for " + command + "; output:\n" + text).isZero();
        return text;
    }
}
