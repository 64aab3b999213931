package org.socketlab.labs;

import java.io.PrintStream;

/**
 * Prints a lab's story: numbered steps, each naming the system call behind it.
 *
 * <pre>
 *   [ 3] bind()+listen()  The server socket now owns 127.0.0.1:41234 ...
 * </pre>
 *
 * Not thread-safe in the sense of ordering: call it from the lab's main thread, or accept
 * that lines from several threads interleave (each line is printed atomically).
 */
public final class Narrator {

    private final PrintStream out;
    private int step;

    public Narrator() {
        this(System.out);
    }

    public Narrator(PrintStream out) {
        this.out = out;
    }

    /** A new part of the lab, underlined. */
    public void part(String title) {
        out.println();
        out.println(title);
        out.println("-".repeat(title.length()));
    }

    /** A numbered step that a system call performs. */
    public synchronized void syscall(String systemCall, String explanation) {
        step++;
        out.printf("  [%2d] %-16s %s%n", step, systemCall, explanation);
    }

    /** Plain commentary (no system call). */
    public void say(String text) {
        out.println("       " + text);
    }

    /** A result the student should notice. */
    public void observe(String text) {
        out.println("   => " + text);
    }
}
