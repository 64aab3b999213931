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
import java.util.TreeMap;

/**
 * Renders graded tests as a per-lab console table and as a Gradescope-style
 * {@code results.json}: {@code {"score", "execution_time", "output", "tests": [{"name",
 * "number", "score", "max_score", "status", "output", "visibility"}]}}.
 */
final class GradingReport {

    private final List<GradedTest> tests;
    private final double executionSeconds;

    GradingReport(List<GradedTest> tests, double executionSeconds) {
        this.tests = List.copyOf(tests);
        this.executionSeconds = executionSeconds;
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
            out.append(String.format("%nLab %s (%s)%n", lab, labTests.get(0).suite()));
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
                entry.put("output", test.output());
                entry.put("visibility", "visible");
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

    void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toGradescope());
    }
}
