package org.socketlab.labs.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator on a small fake repository (no Maven, no git), and the reference's own markers. */
class StarterGeneratorTest {

    private static final String SOURCE = "core/src/main/java/demo/Echo.java";

    @TempDir
    Path temp;

    private Repository fakeRepository(String echoBody) throws IOException {
        Path root = temp.resolve("reference");
        write(root.resolve("pom.xml"), "<project/>");
        write(root.resolve("labs/pom.xml"), "<project/>");
        write(root.resolve("labs/guides/01-tcp-echo.md"), "# Lab 01");
        write(root.resolve(SOURCE), """
                package demo;
                final class Echo {
                    int echo(int b) {
                %s
                    }
                    int untouched() {
                        return 7;
                    }
                }
                """.formatted(echoBody));
        write(root.resolve(StarterGenerator.HIDDEN_TESTS + "java/Lab01SecretGradingTest.java"), "class Secret {}");
        write(root.resolve("labs/src/test/java/org/socketlab/labs/instructor/StarterWorkflowTest.java"), "class W {}");
        write(root.resolve("labs/src/test/java/org/socketlab/labs/grading/Lab01TcpEchoGradingTest.java"), "class G {}");
        write(root.resolve("core/target/classes/demo/Echo.class"), "build output");
        return Repository.at(root);
    }

    private static final String MARKED_BODY = """
                    // BEGIN SOLUTION lab=01 task="the echo loop"
                    return b;
                    // END SOLUTION""";

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void starterStubsRegionsKeepsEverythingElseAndLeavesOutInstructorFiles() throws Exception {
        Repository reference = fakeRepository(MARKED_BODY);
        Path starter = temp.resolve("starter");

        StarterGenerator.Result result = StarterGenerator.generate(reference, starter, Set.of());

        assertThat(result.stubbed()).extracting(SolutionRegion::lab, SolutionRegion::task)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("01", "the echo loop"));
        String echo = Files.readString(starter.resolve(SOURCE));
        assertThat(echo).contains("throw new UnsupportedOperationException(\"Lab 01 — TODO: the echo loop"
                        + " (see labs/guides/01-tcp-echo.md)\");")
                .doesNotContain("return b;").contains("return 7;");
        assertThat(starter.resolve("labs/src/test/java/org/socketlab/labs/grading/Lab01TcpEchoGradingTest.java")).exists();
        assertThat(starter.resolve(StarterGenerator.HIDDEN_TESTS)).doesNotExist();
        assertThat(starter.resolve("labs/src/test/java/org/socketlab/labs/instructor")).doesNotExist();
        assertThat(starter.resolve("core/target")).doesNotExist();
        assertThat(Files.readString(starter.resolve("STARTER.md")))
                .contains("### Lab 01").contains("`" + SOURCE + ":4` — the echo loop");
        assertThat(RemainingStubs.find(Repository.at(starter)))
                .containsExactly(new RemainingStubs.Stub("01", SOURCE + ":5", "the echo loop"));
    }

    @Test
    void starterMdAndTheResultCiteLinesAsTheyAreInTheStarter() throws Exception {
        Repository reference = fakeRepository("""
                        // BEGIN SOLUTION lab=01 task="first"
                        int twice = b + b;
                        int again = twice - b;
                        return again;
                        // END SOLUTION
                    }
                    int second(int b) {
                        // BEGIN SOLUTION lab=01 task="second"
                        return b;
                        // END SOLUTION""");
        Path starter = temp.resolve("starter");

        StarterGenerator.Result result = StarterGenerator.generate(reference, starter, Set.of());

        List<String> lines = Files.readAllLines(starter.resolve(SOURCE));
        for (SolutionRegion region : result.stubbed()) {
            assertThat(lines.get(region.beginLine() - 1)).contains("BEGIN SOLUTION").contains(region.task());
            assertThat(lines.get(region.beginLine())).contains("TODO: " + region.task());
            assertThat(lines.get(region.endLine() - 1)).contains("END SOLUTION");
        }
        assertThat(result.stubbed()).extracting(SolutionRegion::beginLine).containsExactly(4, 9);
    }

    @Test
    void labsNotChosenKeepTheirSolution() throws Exception {
        Repository reference = fakeRepository(MARKED_BODY);

        StarterGenerator.Result result = StarterGenerator.generate(reference, temp.resolve("starter"), Set.of("09"));

        assertThat(result.stubbed()).isEmpty();
        assertThat(Files.readString(temp.resolve("starter").resolve(SOURCE))).contains("return b;");
    }

    @Test
    void aMalformedMarkerStopsTheGeneratorBeforeItWritesAnything() throws Exception {
        Repository reference = fakeRepository("""
                        // BEGIN SOLUTION lab=01 task="the echo loop"
                        return b;""");
        Path starter = temp.resolve("starter");

        assertThatThrownBy(() -> StarterGenerator.generate(reference, starter, Set.of()))
                .isInstanceOf(MarkerException.class).hasMessageContaining(SOURCE + ":4").hasMessageContaining("never closed");
        assertThat(starter).doesNotExist();
    }

    @Test
    void outputMustBeOutsideTheRepositoryAndEmpty() throws Exception {
        Repository reference = fakeRepository(MARKED_BODY);
        write(temp.resolve("full/file.txt"), "x");

        assertThatThrownBy(() -> StarterGenerator.generate(reference, reference.root().resolve("starter"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside the repository");
        assertThatThrownBy(() -> StarterGenerator.generate(reference, temp.resolve("full"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an empty folder");
    }

    @Test
    void commandLineOptionsAreParsed() {
        StarterGenerator.Options options = StarterGenerator.Options.parse(new String[] {"/tmp/s", "--labs", "1,09"});

        assertThat(options.output()).isEqualTo(Path.of("/tmp/s"));
        assertThat(options.labs()).containsExactly("01", "09");
        assertThatThrownBy(() -> StarterGenerator.Options.parse(new String[] {"--labs", "x"}))
                .hasMessageContaining("\"x\" is not a lab number");
        assertThatThrownBy(() -> StarterGenerator.Options.parse(new String[0])).hasMessageContaining("output folder is missing");
        assertThat(Grade.testFilter(new TreeSet<>(List.of("01", "09")))).isEqualTo("Lab01*GradingTest*,Lab09*GradingTest*");
        assertThat(Grade.testFilter(Set.of())).isEqualTo("Lab*GradingTest*");
    }

    /** The reference's markers are well formed, and each names a lab that has a guide and a grading suite. */
    @Test
    void everyMarkerInThisRepositoryIsWellFormedAndBelongsToAGradedLab() throws Exception {
        Repository reference = Repository.containing(Path.of(""));
        List<String> files = reference.files();

        Map<String, List<SolutionRegion>> regions = StarterGenerator.findAll(reference, files);

        List<SolutionRegion> all = regions.values().stream().flatMap(List::stream).toList();
        assertThat(all).as("solution regions in the reference").isNotEmpty();
        Map<String, String> guides = reference.guides();
        for (SolutionRegion region : all) {
            assertThat(guides).as("a guide for lab %s (%s)", region.lab(), region.location()).containsKey(region.lab());
            assertThat(files).as("a grading suite for lab %s (%s)", region.lab(), region.location())
                    .anyMatch(file -> file.matches("labs/src/test/java/.*/Lab" + region.lab() + "\\w*GradingTest\\.java"));
        }
    }

    /**
     * A graded lab without regions hands its whole answer out in the starter, so every lab with a
     * grading suite has some — except lab 15, which measures and has nothing to write.
     */
    @Test
    void everyGradedLabExceptTheMeasuringOneHasSolutionRegions() throws Exception {
        Repository reference = Repository.containing(Path.of(""));
        List<String> files = reference.files();
        Set<String> gradedLabs = new TreeSet<>();
        for (String file : files) {
            java.util.regex.Matcher suite = java.util.regex.Pattern
                    .compile("labs/src/test/java/.*/Lab(\\d{2})\\w*GradingTest\\.java").matcher(file);
            if (suite.matches()) {
                gradedLabs.add(suite.group(1));
            }
        }
        gradedLabs.remove("15");

        Set<String> labsWithRegions = new TreeSet<>();
        StarterGenerator.findAll(reference, files).values().forEach(regions -> regions.forEach(r -> labsWithRegions.add(r.lab())));

        assertThat(gradedLabs).as("graded labs found").contains("01", "14");
        assertThat(labsWithRegions).as("labs with solution regions").containsAll(gradedLabs);
    }
}
