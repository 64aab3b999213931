package org.socketlab.tcp.cli;

import java.io.PrintStream;

/**
 * Prints an exception that escapes {@code main} as one line, {@code NAME: message}, instead of
 * the JVM's stack trace; other threads keep the JDK's behaviour. The JVM still exits with
 * status 1 because {@code main} threw.
 */
final class OneLineErrors {

    private OneLineErrors() {
    }

    private static final java.util.concurrent.atomic.AtomicBoolean INSTALLED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Once per JVM (tests may call several mains in one JVM): the first main's name is used. */
    static void installForMainThread(String name) {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        Thread mainThread = Thread.currentThread();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (thread == mainThread && !stackTraceWanted()) {
                System.out.flush();
                System.err.println(describe(name, error));
                System.err.println("(set " + Cli.STACK_TRACE_VARIABLE + "=1 to see where it happened)");
            } else if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                printLikeTheJdk(thread, error, System.err);
            }
        });
    }

    /** "EchoServer: cannot bind 127.0.0.1:80: Permission denied (BindException)". */
    static String describe(String name, Throwable error) {
        Throwable shown = error;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? "" : shown.getMessage();
        return name + ": " + message + " (" + shown.getClass().getSimpleName() + ")";
    }

    private static boolean stackTraceWanted() {
        String value = System.getenv(Cli.STACK_TRACE_VARIABLE);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    private static void printLikeTheJdk(Thread thread, Throwable error, PrintStream err) {
        err.print("Exception in thread \"" + thread.getName() + "\" ");
        error.printStackTrace(err);
    }
}
