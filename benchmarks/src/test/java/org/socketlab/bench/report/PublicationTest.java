package org.socketlab.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.bench.CodecSuite.CodecResult;
import org.socketlab.bench.load.MemoryProbe.MemoryResult;

/** Issue 19: rows measured above 1 load per core are never published; the file says how it was made. */
class PublicationTest {

    private static final double QUIET = 0.1;
    private static final double NOISY = 50.0 * Runtime.getRuntime().availableProcessors();

    private static CodecResult decode(String method, String size, double ops, double alloc, double load) {
        return new CodecResult("DecodeBenchmark", method, size, ops, 0, alloc, 1e9 / ops, load, load);
    }

    @Test
    void noisyRowsAreLeftOutAndNamed_quietRowsArePublishedWithTheirTargets(@TempDir Path directory) throws Exception {
        List<CodecResult> codec = List.of(
                decode("socketlab", "16", 70e6, 0, QUIET), decode("jetty", "16", 30e6, 112, QUIET),
                decode("socketlab", "125", 40e6, 0, NOISY), decode("jetty", "125", 15e6, 112, NOISY));
        List<MemoryResult> memory = List.of(new MemoryResult("socketlab", 100, 0, 700_000, 0, 0, 10, QUIET, QUIET, 0.0));
        Publication publication = new Publication(codec, List.of(), memory);

        publication.write(directory, Machine.current(), "mvn … -Dsuite=codec -Dpublish=results");

        String md = Files.readString(directory.resolve("RESULTS.md"), StandardCharsets.UTF_8);
        assertThat(md).contains("Command: `mvn … -Dsuite=codec -Dpublish=results`", "JDK: ", "Machine: ");
        assertThat(md).contains("| decode 16 B: ours ≥ 2× Jetty | 2.33× | PASS |");
        assertThat(md).as("the 125 B rows were measured at load %s", NOISY)
                .contains("| decode 125 B: ours ≥ 2× Jetty | – | not measured |");
        assertThat(md).contains("| idle heap per connection ≤ 8 KiB | 6.8 KiB | PASS |");
        assertThat(md.substring(md.indexOf("## Not published")))
                .contains("DecodeBenchmark.socketlab[125]", "DecodeBenchmark.jetty[125]");
        assertThat(md.substring(0, md.indexOf("## Not published"))).doesNotContain("40.00 M");
        String json = Files.readString(directory.resolve("RESULTS.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"command\"", "\"loadBefore\"", "\"notPublished\"").doesNotContain("4.0E7");
    }

    @Test
    void aMemoryProbeThatLoadsTheMachineItself_isPublishedWhateverTheLoadAverage_butNotWhenOthersUsedTheCpu() {
        int cores = Runtime.getRuntime().availableProcessors();
        double ownLoadAfter = 1.5 * cores;
        MemoryResult alone = new MemoryResult("socketlab", 100, 0, 700_000, 0, 0, 10, ownLoadAfter, ownLoadAfter, 0.02 * cores);
        MemoryResult besideABuild = new MemoryResult("netty", 100, 0, 200_000, 0, 0, 10, QUIET, ownLoadAfter, 0.5 * cores);
        MemoryResult besideATinyJob = new MemoryResult("jetty", 100, 0, 200_000, 0, 0, 10, NOISY, ownLoadAfter, 0.15 * cores);

        Publication publication = new Publication(List.of(), List.of(), List.of(alone, besideABuild, besideATinyJob));

        assertThat(publication.hasQuietRows()).isTrue();
        assertThat(publication.omitted()).hasSize(2);
        assertThat(publication.omitted().get(0)).startsWith("memory netty").contains("others' CPU");
        assertThat(publication.omitted().get(1)).startsWith("memory jetty").contains("others' CPU");
    }

    @Test
    void eventLoopTargets_compareTheLoopWithNettyScenarioByScenario(@TempDir Path directory) throws Exception {
        java.time.Duration second = java.time.Duration.ofSeconds(1);
        org.socketlab.bench.load.LoadScenario loop = new org.socketlab.bench.load.LoadScenario("socketlab-loop", 16, 0, 125, second, second);
        org.socketlab.bench.load.LoadScenario netty = new org.socketlab.bench.load.LoadScenario("netty", 16, 0, 125, second, second);
        List<org.socketlab.bench.load.LoadResult> load = List.of(
                new org.socketlab.bench.load.LoadResult(loop, 1000, 60_000, 100, 300, 500, 900, 0, "", QUIET, 1.9, 0.0),
                new org.socketlab.bench.load.LoadResult(netty, 1000, 50_000, 100, 250, 500, 900, 0, "", QUIET, 1.9, 0.0));
        List<MemoryResult> memory = List.of(new MemoryResult("socketlab-loop", 100, 0, 500_000, 0, 0, 10, QUIET, QUIET, 0.0));

        new Publication(List.of(), load, memory).write(directory, Machine.current(), "mvn … -Dsuite=e2e");

        String md = Files.readString(directory.resolve("RESULTS.md"), StandardCharsets.UTF_8);
        assertThat(md).contains("| event loop C=16 125 B: msgs/s ≥ Netty | 1.20× | PASS |",
                "| event loop C=16 125 B: p99 ≤ Netty | 300 µs vs 250 µs | FAIL |",
                "| event loop idle heap per connection ≤ 4 KiB | 4.9 KiB | FAIL |");
    }

    @Test
    void aRunWithNoQuietRow_hasNothingToPublish() {
        Publication publication = new Publication(List.of(decode("socketlab", "16", 70e6, 0, NOISY)), List.of(), List.of());
        assertThat(publication.hasQuietRows()).isFalse();
        assertThat(publication.omitted()).hasSize(1);
    }
}
