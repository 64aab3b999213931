package org.socketlab.labs.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor workflow end to end, with real Maven runs (offline): generate a starter of
 * this repository, check that it compiles and that lab 09's grading suites — plus the hidden
 * tests — fail with "Lab 09 — TODO" messages; then fill lab 09's regions in with the reference
 * code and check that the same grading run scores full marks.
 *
 * <p>Two offline Maven builds of a whole copy: about 30 s on an idle 2-core machine, about a
 * minute on a busy one. {@code -Dsocketlab.instructor.skip=true} leaves it out; on its own:
 * {@code mvn -B -pl labs -am verify -Dtest='StarterWorkflowTest' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@DisabledIfSystemProperty(named = "socketlab.instructor.skip", matches = "true",
        disabledReason = "-Dsocketlab.instructor.skip=true: the starter workflow (two Maven builds) is skipped")
class StarterWorkflowTest {

    private static final String LAB = "09";

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void starterCompiles_itsGradersFailWithTodoMessages_andFillingTheRegionsInMakesThemPass(@TempDir Path temp)
            throws Exception {
        Repository reference = Repository.containing(Path.of(""));
        Path hiddenTests = reference.root().resolve(StarterGenerator.HIDDEN_TESTS + "java");
        long started = System.nanoTime();

        StarterGenerator.Result starter = StarterGenerator.generate(reference, temp.resolve("starter"), Set.of());
        List<SolutionRegion> labRegions = starter.stubbed().stream().filter(region -> region.lab().equals(LAB)).toList();
        assertThat(labRegions).as("lab %s regions in the reference", LAB).isNotEmpty();

        JsonNode stubbed = grade(starter.output(), hiddenTests);
        List<JsonNode> failed = tests(stubbed, "failed");
        assertThat(failed).as("lab %s tests failing in the starter", LAB).isNotEmpty();
        assertThat(failed).allSatisfy(test -> assertThat(test.get("output").asText()).contains("Lab " + LAB + " — TODO: "));
        assertThat(stubbed.get("tests")).as("hidden tests are graded and hidden until publication")
                .anySatisfy(test -> assertThat(test.get("visibility").asText()).isEqualTo("after_published"));
        assertThat(starter.output().resolve("labs/src/test/java/org/socketlab/labs/grading/Lab09Utf8HiddenGradingTest.java"))
                .as("the hidden test copy is removed after grading").doesNotExist();
        assertThat(starter.output().resolve("labs/target/test-classes/org/socketlab/labs/grading/Lab09Utf8HiddenGradingTest.class"))
                .as("so is its compiled class").doesNotExist();

        for (String file : labRegions.stream().map(SolutionRegion::file).distinct().toList()) {
            Files.copy(reference.root().resolve(file), starter.output().resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        JsonNode filledIn = grade(starter.output(), hiddenTests);
        assertThat(tests(filledIn, "failed")).as("lab %s tests failing once the regions are filled in", LAB).isEmpty();
        int maxScore = 0;
        for (JsonNode test : filledIn.get("tests")) {
            maxScore += test.get("max_score").asInt();
        }
        assertThat(filledIn.get("score").asInt()).isEqualTo(maxScore).isPositive();
        System.out.printf("StarterWorkflowTest: generate + 2 grading runs took %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static JsonNode grade(Path repo, Path hiddenTests) throws IOException, InterruptedException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Grade.Outcome outcome;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            outcome = Grade.run(new Grade.Options(Repository.at(repo), Set.of(LAB), hiddenTests, true), out);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        // Only a summary line: the nested score table would read like this build's own report.
        System.out.println("StarterWorkflowTest graded " + repo + ": " + printed.lines()
                .filter(line -> line.startsWith("TOTAL")).findFirst().orElse("no score table"));
        assertThat(outcome.built()).as("the starter builds; Grade printed:%n%s", printed).isTrue();
        assertThat(printed).contains("socketlab grading report").contains("Gradescope results: ");
        return new ObjectMapper().readTree(outcome.results().toFile());
    }

    private static List<JsonNode> tests(JsonNode results, String status) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode test : results.get("tests")) {
            if (test.get("status").asText().equals(status)) {
                matching.add(test);
            }
        }
        return matching;
    }
}
