package org.socketlab.labs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a lab main with {@code System.out} redirected, so a smoke test can read its narration. */
final class StandardOutput {

    /** A lab's {@code main} call; it may throw whatever that main declares. */
    @FunctionalInterface
    interface LabRun<E extends Throwable> {
        void run() throws E;
    }

    private StandardOutput() {
    }

    /** Returns what {@code lab} printed (UTF-8); {@code System.out} is restored even if it throws. */
    static <E extends Throwable> String capture(LabRun<E> lab) throws E {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            lab.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
