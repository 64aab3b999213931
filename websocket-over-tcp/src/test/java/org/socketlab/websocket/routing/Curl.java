package org.socketlab.websocket.routing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code curl} command line as the @connections client, exactly as the README shows it.
 * Missing curl skips the test (fails it with {@code SOCKETLAB_REQUIRE_PEERS=true}).
 */
final class Curl {

    private static final boolean REQUIRED = "true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"));

    /** Status code and body of one curl call. */
    record Result(int status, String body) {
    }

    private Curl() {
    }

    static void require() {
        boolean present;
        try {
            Process probe = new ProcessBuilder("curl", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            present = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        String hint = "curl is missing: run `apt-get install -y curl`";
        if (!present && REQUIRED) {
            fail("SOCKETLAB_REQUIRE_PEERS=true but a peer is missing. " + hint);
        }
        assumeTrue(present, hint);
    }

    /** {@code curl -s -X METHOD [-H h]... [--data-binary body] url}; the status from {@code -w}. */
    static Result call(String method, String url, String body, String... headers) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "10", "-X", method,
                "-w", "\n%{http_code}"));
        for (String header : headers) {
            command.addAll(List.of("-H", header));
        }
        if (body != null) {
            command.addAll(List.of("--data-binary", body));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("curl did not finish: " + command);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        int split = text.lastIndexOf('\n');
        return new Result(Integer.parseInt(text.substring(split + 1).trim()), text.substring(0, split));
    }
}
