package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs small fake grading suites through the JUnit Platform and checks the report. */
@Timeout(30)
class GradingReportListenerTest {

    /** A fake lab suite. Static nested, so Surefire does not run it on its own. */
    static class Lab98FakeGradingTest {
        @Test
        @Points(3)
        @DisplayName("Your code passes")
        void passes() {
        }

        @Test
        @Points(2)
        @DisplayName("Your code fails with a helpful message")
        void fails() {
            throw GradingAssertions.scenario("fake scenario", "98-fake.md", "Steps")
                    .fail("expected 1, got 2", "because the fake says so");
        }

        @Test
        @Points(4)
        @DisplayName("Your code throws")
        void throwsUnexpectedly() throws IOException {
            throw new IOException("boom");
        }

        @Disabled("not graded this term")
        @Test
        @Points(1)
        void disabled() {
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        @Points(5)
        @DisplayName("Every invocation must pass")
        void parameterised(int value) {
            if (value == 3) {
                throw new AssertionError("value 3 is wrong");
            }
        }

        @Test
        void notGraded() {
        }
    }

    /** A fake suite whose set-up fails: its tests must still count towards the maximum. */
    static class Lab97BrokenGradingTest {
        @BeforeAll
        static void setUp() {
            throw new IllegalStateException("set-up failed");
        }

        @Test
        @Points(6)
        @DisplayName("Never runs")
        void neverRuns() {
        }
    }

    private static String run(Path results, Class<?>... suites) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GradingReportListener listener = new GradingReportListener(results,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        // No auto-registration: the service-loaded listener must not overwrite the real report.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(listener)
                .build());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> suite : suites) {
            request.selectors(selectClass(suite));
        }
        launcher.execute(request.build());
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesGradescopeJsonWithPointsPerTestAndTotal(@TempDir Path directory) throws IOException {
        Path results = directory.resolve("grading/results.json");
        run(results, Lab98FakeGradingTest.class);

        JsonNode json = new ObjectMapper().readTree(results.toFile());
        assertThat(json.get("score").asInt()).isEqualTo(3);
        JsonNode tests = json.get("tests");
        assertThat(tests).hasSize(5);
        assertThat(tests.get(0).get("name").asText()).isEqualTo("Lab 98: Your code passes");
        assertThat(tests.get(0).get("score").asInt()).isEqualTo(3);
        assertThat(tests.get(0).get("max_score").asInt()).isEqualTo(3);
        assertThat(tests.get(0).get("status").asText()).isEqualTo("passed");

        JsonNode failed = find(tests, "Lab 98: Your code fails with a helpful message");
        assertThat(failed.get("score").asInt()).isZero();
        assertThat(failed.get("max_score").asInt()).isEqualTo(2);
        assertThat(failed.get("output").asText())
                .contains("Scenario: fake scenario", "expected 1, got 2", "labs/guides/98-fake.md");

        assertThat(find(tests, "Lab 98: Your code throws").get("output").asText())
                .contains("Unexpected java.io.IOException: boom");
        assertThat(find(tests, "Lab 98: disabled()").get("output").asText()).contains("not graded this term");
        JsonNode parameterised = find(tests, "Lab 98: Every invocation must pass");
        assertThat(parameterised.get("score").asInt()).as("one failing invocation fails the test").isZero();
        assertThat(parameterised.get("output").asText()).contains("value 3 is wrong");
    }

    @Test
    void printsAScoreTablePerLab(@TempDir Path directory) {
        String console = run(directory.resolve("results.json"), Lab98FakeGradingTest.class, Lab97BrokenGradingTest.class);
        assertThat(console)
                .contains("Lab 97 (Lab97BrokenGradingTest)", "Lab 98 (Lab98FakeGradingTest)")
                .contains("PASS  3/3   Your code passes")
                .contains("FAIL  0/2   Your code fails with a helpful message")
                .contains("----  0/6   Never runs")
                .contains("Lab 98 score", "TOTAL 3/21 points", "Gradescope results:");
        assertThat(console.indexOf("Lab 97")).isLessThan(console.indexOf("Lab 98"));
    }

    @Test
    void testsThatNeverRanCountTowardsTheMaximumWithTheReason(@TempDir Path directory) throws IOException {
        Path results = directory.resolve("results.json");
        run(results, Lab97BrokenGradingTest.class);
        JsonNode test = new ObjectMapper().readTree(results.toFile()).get("tests").get(0);
        assertThat(test.get("max_score").asInt()).isEqualTo(6);
        assertThat(test.get("score").asInt()).isZero();
        assertThat(test.get("output").asText()).contains("Did not run", "set-up failed");
    }

    @Test
    void aRunWithoutGradedTestsWritesNothing(@TempDir Path directory) {
        Path results = directory.resolve("results.json");
        String console = run(results, NotALab.class);
        assertThat(results).doesNotExist();
        assertThat(console).isEmpty();
    }

    static class NotALab {
        @Test
        void plain() {
        }
    }

    @Test
    void byteDifferenceNamesTheFirstDifferingOffset() {
        byte[] expected = "hello world".getBytes(StandardCharsets.US_ASCII);
        byte[] actual = "hello".getBytes(StandardCharsets.US_ASCII);
        assertThat(GradingAssertions.firstDifference(expected, actual)).isEqualTo(5);
        assertThat(GradingAssertions.describeByteDifference(expected, actual))
                .startsWith("expected 11 bytes, got 5; first difference at offset 5: expected 0x20, got end of data");
        assertThat(GradingAssertions.firstDifference(expected, expected.clone())).isEqualTo(-1);
    }

    private static JsonNode find(JsonNode tests, String name) {
        for (JsonNode test : tests) {
            if (test.get("name").asText().equals(name)) {
                return test;
            }
        }
        throw new AssertionError("no test named " + name + " in " + tests);
    }
}
