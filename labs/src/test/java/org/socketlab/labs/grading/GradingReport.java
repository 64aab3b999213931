package org.socketlab.labs.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders graded tests as a per-lab console table and as a Gradescope-style
 * {@code results.json}: {@code {"score", "execution_time", "output", "tests": [{"name",
 * "number", "score", "max_score", "status", "output", "visibility"}]}}.
 */
final class GradingReport {

    /** Gradescope shows tests with this visibility to students only once grades are published. */
    static final String HIDDEN_VISIBILITY = "after_published";

    private final List<GradedTest> tests;
    private final double executionSeconds;
    private final Set<String> hiddenSuites;

    GradingReport(List<GradedTest> tests, double executionSeconds) {
        this(tests, executionSeconds, Set.of());
    }

    private final Map<String, List<String>> todosByLab;

    GradingReport(List<GradedTest> tests, double executionSeconds, Set<String> hiddenSuites) {
        this(tests, executionSeconds, hiddenSuites, Map.of());
    }

    /**
     * @param hiddenSuites simple class names of the instructor's hidden suites (see the Grade command)
     * @param todosByLab   lab → "file:line task" of each "Lab NN — TODO" stub still in the code; a
     *                     failed test of that lab mentions them, since a stub that throws on a
     *                     server thread shows up in the test only as a closed connection
     */
    GradingReport(List<GradedTest> tests, double executionSeconds, Set<String> hiddenSuites,
            Map<String, List<String>> todosByLab) {
        this.tests = List.copyOf(tests);
        this.executionSeconds = executionSeconds;
        this.hiddenSuites = Set.copyOf(hiddenSuites);
        this.todosByLab = Map.copyOf(todosByLab);
    }

    /** The test's output, plus the lab's remaining TODO stubs when it did not pass. */
    private String output(GradedTest test) {
        List<String> todos = todosByLab.getOrDefault(test.lab(), List.of());
        if (test.status() == GradedTest.Status.PASSED || todos.isEmpty()) {
            return test.output();
        }
        return test.output() + "\n\nLab " + test.lab() + " still has TODO stubs in your code (replace each throw):\n  "
                + String.join("\n  ", todos);
    }

    int score() {
        return tests.stream().mapToInt(GradedTest::score).sum();
    }

    int maxScore() {
        return tests.stream().mapToInt(GradedTest::maxScore).sum();
    }

    private Map<String, List<GradedTest>> byLab() {
        Map<String, List<GradedTest>> labs = new TreeMap<>();
        for (GradedTest test : tests) {
            labs.computeIfAbsent(test.lab(), lab -> new ArrayList<>()).add(test);
        }
        return labs;
    }

    /** The console table: one block per lab, then the total. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append("\n==================== socketlab grading report ====================\n");
        byLab().forEach((lab, labTests) -> {
            int score = labTests.stream().mapToInt(GradedTest::score).sum();
            int max = labTests.stream().mapToInt(GradedTest::maxScore).sum();
            out.append(String.format("%nLab %s (%s)%n", lab,
                    String.join(", ", labTests.stream().map(GradedTest::suite).distinct().toList())));
            for (GradedTest test : labTests) {
                out.append(String.format("  %-4s %2d/%-2d  %s%n", mark(test), test.score(), test.maxScore(), test.name()));
            }
            out.append(String.format("  ---- %2d/%-2d  Lab %s score%n", score, max, lab));
        });
        out.append(String.format("%nTOTAL %d/%d points%n", score(), maxScore()));
        out.append("==================================================================\n");
        return out.toString();
    }

    private static String mark(GradedTest test) {
        return switch (test.status()) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
            case NOT_RUN -> "----";
        };
    }

    /** The Gradescope document as ordered maps, ready for Jackson. */
    Map<String, Object> toGradescope() {
        List<Map<String, Object>> entries = new ArrayList<>();
        byLab().forEach((lab, labTests) -> {
            int index = 1;
            for (GradedTest test : labTests) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", "Lab " + lab + ": " + test.name());
                entry.put("number", lab + "." + index++);
                entry.put("score", test.score());
                entry.put("max_score", test.maxScore());
                entry.put("status", test.status() == GradedTest.Status.PASSED ? "passed" : "failed");
                entry.put("output", output(test));
                entry.put("visibility", hiddenSuites.contains(test.suite()) ? HIDDEN_VISIBILITY : "visible");
                entries.add(entry);
            }
        });
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("score", score());
        document.put("execution_time", Math.round(executionSeconds * 1000) / 1000.0);
        document.put("output", table());
        document.put("tests", entries);
        return document;
    }

    /**
     * The table followed by what went wrong in each test that did not pass: the scenario, the
     * steps, expected versus actual and the guide section (written as {@code report.txt}).
     */
    String textReport() {
        StringBuilder out = new StringBuilder(table());
        byLab().forEach((lab, labTests) -> labTests.stream()
                .filter(test -> test.status() != GradedTest.Status.PASSED)
                .forEach(test -> out.append(String.format("%n---- Lab %s: %s (%d point%s lost)%n%s%n", lab, test.name(),
                        test.maxScore(), test.maxScore() == 1 ? "" : "s", output(test).indent(4).stripTrailing()))));
        return out.toString();
    }

    void writeText(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, textReport(), java.nio.charset.StandardCharsets.UTF_8);
    }

    void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toGradescope());
    }
}
