package org.socketlab.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reliability protocols and the impairment decisions are sans-I/O: no sockets, no threads,
 * no clocks. This test reads their sources, so the rule cannot quietly rot.
 */
class SansIoRuleTest {
    private static final Path MAIN = Path.of("src/main/java/org/socketlab/udp");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "import java\\.net\\.|import java\\.util\\.concurrent|new Thread|Thread\\.sleep|System\\.currentTimeMillis"
                    + "|System\\.nanoTime|Instant\\.now|Clock\\.");

    @Test
    void reliablePackageAndImpairmentPlanTouchNoSocketThreadOrClock() throws IOException {
        List<Path> pure = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN.resolve("reliable"))) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(pure::add);
        }
        pure.add(MAIN.resolve("lossy/Impairment.java"));
        pure.add(MAIN.resolve("lossy/ImpairmentPlan.java"));
        pure.add(MAIN.resolve("lossy/Fate.java"));
        assertThat(pure).hasSizeGreaterThan(15);
        List<String> violations = new ArrayList<>();
        for (Path file : pure) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (FORBIDDEN.matcher(lines.get(i)).find() && !lines.get(i).trim().startsWith("*")) {
                    violations.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(violations).as("sans-I/O code must not use sockets, threads or clocks").isEmpty();
    }

    @Test
    void theScannerDoesFlagTheSocketAdapter() throws IOException {
        // The adapter is allowed sockets; here it proves the pattern would catch them elsewhere.
        String adapter = Files.readString(MAIN.resolve("transfer/DatagramEndpointRunner.java"));
        assertThat(FORBIDDEN.matcher(adapter).find()).isTrue();
    }
}
