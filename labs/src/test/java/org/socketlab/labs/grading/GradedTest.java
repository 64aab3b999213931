package org.socketlab.labs.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one {@link Points}-annotated test method. A parameterised or repeated test
 * is one graded test: it earns its points only if every invocation passed.
 *
 * <p>Not thread-safe: owned by {@link GradingReportListener}, which synchronises.
 */
final class GradedTest {

    enum Status { NOT_RUN, PASSED, FAILED, SKIPPED }

    private final String lab;
    private final String suite;
    private final String name;
    private final int maxScore;
    private final List<String> problems = new ArrayList<>();
    private Status status = Status.NOT_RUN;

    GradedTest(String lab, String suite, String name, int maxScore) {
        this.lab = lab;
        this.suite = suite;
        this.name = name;
        this.maxScore = maxScore;
    }

    void passed() {
        if (status == Status.NOT_RUN) {
            status = Status.PASSED;
        }
    }

    void failed(String output) {
        status = Status.FAILED;
        problems.add(output);
    }

    void skipped(String reason) {
        if (status != Status.FAILED) {
            status = Status.SKIPPED;
            problems.add("Skipped: " + reason);
        }
    }

    void didNotRun(String reason) {
        if (status == Status.NOT_RUN) {
            problems.add(reason);
        }
    }

    String lab() {
        return lab;
    }

    String suite() {
        return suite;
    }

    String name() {
        return name;
    }

    int maxScore() {
        return maxScore;
    }

    int score() {
        return status == Status.PASSED ? maxScore : 0;
    }

    Status status() {
        return status;
    }

    String output() {
        if (status == Status.PASSED) {
            return "Passed.";
        }
        if (status == Status.NOT_RUN && problems.isEmpty()) {
            return "Did not run (was the test filtered out or the run interrupted?).";
        }
        return String.join("\n\n", problems);
    }
}
