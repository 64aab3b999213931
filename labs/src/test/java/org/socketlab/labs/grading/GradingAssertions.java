package org.socketlab.labs.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * CS144-style grading output: a test names its scenario, records each step it runs, and on
 * failure the student sees every step so far, the step that failed, expected versus actual
 * (for bytes: the first differing offset), why it matters, and which guide section to read.
 *
 * <pre>{@code
 * Scenario scenario = GradingAssertions.scenario("echo of a 1 MiB message", "01-tcp-echo.md", "Half-close");
 * TcpServer server = scenario.step("start TcpServer(port 0, EchoHandler)", () -> ...start());
 * byte[] echo = scenario.step("send 1 MiB, shutdownOutput(), read until -1", () -> client.sendAndHalfClose(big));
 * scenario.expectBytes("the echo", big, echo, "an echo server returns exactly the bytes it read");
 * }</pre>
 *
 * <p>Not thread-safe: one scenario per test, used by the test's thread.
 */
public final class GradingAssertions {

    private GradingAssertions() {
    }

    /** Starts a scenario whose failures point to {@code labs/guides/<guide>}, section {@code section}. */
    public static Scenario scenario(String description, String guide, String section) {
        return new Scenario(description, guide, section);
    }

    /** A step body that may throw anything (socket calls throw checked exceptions). */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws Exception;
    }

    /** A step body without a result. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** Index of the first differing byte, or -1 when equal (a length difference counts at the shorter end). */
    public static int firstDifference(byte[] expected, byte[] actual) {
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (expected[i] != actual[i]) {
                return i;
            }
        }
        return expected.length == actual.length ? -1 : common;
    }

    /** "expected 5 bytes, got 3; first difference at offset 3: expected 0x6c, got end of data" */
    public static String describeByteDifference(byte[] expected, byte[] actual) {
        int offset = firstDifference(expected, actual);
        if (offset < 0) {
            return "the bytes are identical";
        }
        return String.format("expected %d bytes, got %d; first difference at offset %d: expected %s, got %s"
                        + "%n      expected around it: %s%n      actual around it:   %s",
                expected.length, actual.length, offset, byteAt(expected, offset), byteAt(actual, offset),
                window(expected, offset), window(actual, offset));
    }

    private static String byteAt(byte[] bytes, int offset) {
        return offset < bytes.length ? String.format("0x%02x", bytes[offset] & 0xff) : "end of data";
    }

    private static String window(byte[] bytes, int offset) {
        int from = Math.max(0, offset - 8);
        int to = Math.min(bytes.length, offset + 8);
        StringBuilder text = new StringBuilder("[" + from + "..] ");
        for (int i = from; i < to; i++) {
            text.append(i == offset ? ">" : "").append(String.format("%02x ", bytes[i] & 0xff));
        }
        return text.toString().trim();
    }

    /** One grading scenario: its steps so far and where to read up. */
    public static final class Scenario {
        private final String description;
        private final String guide;
        private final String section;
        private final List<String> steps = new ArrayList<>();

        private Scenario(String description, String guide, String section) {
            this.description = description;
            this.guide = guide;
            this.section = section;
        }

        /** Runs and records a step; if it throws, the test fails with the full report. */
        public <T> T step(String what, Step<T> body) {
            steps.add(what);
            try {
                return body.run();
            } catch (AssertionFailedError alreadyReported) {
                throw alreadyReported;
            } catch (Exception | AssertionError e) {
                throw failure("the step threw " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                        null, null, "A correct solution completes this step without an exception.", e);
            }
        }

        public void step(String what, Action body) {
            step(what, () -> {
                body.run();
                return null;
            });
        }

        /** Records a step that needs no code of its own (e.g. an observation). */
        public void note(String what) {
            steps.add(what);
        }

        public void expectEquals(String what, Object expected, Object actual, String why) {
            if (!Objects.equals(expected, actual)) {
                throw failure(what + ": expected " + expected + ", got " + actual, expected, actual, why, null);
            }
        }

        public void expectTrue(String what, boolean condition, String why) {
            if (!condition) {
                throw failure(what, null, null, why, null);
            }
        }

        public void expectBytes(String what, byte[] expected, byte[] actual, String why) {
            if (actual == null) {
                throw failure(what + ": expected " + expected.length + " bytes, got nothing (null)", null, null, why, null);
            }
            if (firstDifference(expected, actual) >= 0) {
                throw failure(what + ": " + describeByteDifference(expected, actual), null, null, why, null);
            }
        }

        /** Fails unconditionally with the report. */
        public AssertionFailedError fail(String what, String why) {
            return failure(what, null, null, why, null);
        }

        private AssertionFailedError failure(String problem, Object expected, Object actual, String why, Throwable cause) {
            StringBuilder report = new StringBuilder();
            report.append("Scenario: ").append(description).append('\n');
            report.append("Steps run:\n");
            for (int i = 0; i < steps.size(); i++) {
                report.append(String.format("  %d. %s%n", i + 1, steps.get(i)));
            }
            report.append(steps.isEmpty() ? "Failed before the first step"
                    : "Failed at step " + steps.size()).append(": ").append(problem).append('\n');
            report.append("Why it matters: ").append(why).append('\n');
            report.append("Read: labs/guides/").append(guide).append(", section \"").append(section).append('"');
            return expected == null && actual == null
                    ? new AssertionFailedError(report.toString(), cause)
                    : new AssertionFailedError(report.toString(), expected, actual, cause);
        }
    }
}
