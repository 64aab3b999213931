package org.socketlab.labs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.BindException;
import java.net.ConnectException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.socketlab.tcp.cli.Cli;

/**
 * Lists the labs or runs one.
 *
 * <pre>
 * mvn -q compile exec:exec -pl labs -am                    # list the labs
 * mvn -q compile exec:exec -pl labs -am -Dlab=01           # run lab 01
 * mvn -q compile exec:exec -pl labs -am -Dargs="02 --help" # lab 02's options
 * mvn -q compile exec:exec -pl labs -am -Dargs="02 --connections 10000"   # lab 02 with options
 * </pre>
 *
 * <p>Exit status: 0 when the lab ran, 1 when it stopped on an error (explained in one line), 2 for
 * an unknown lab or a bad option. Maven treats all three as success (see the parent pom's
 * {@code socketlab.exec.successCodes}) so that only our message shows, not Maven's report.
 */
public final class LabLauncher {

    static final String COMMAND = "mvn -q compile exec:exec -pl labs -am";

    private LabLauncher() {
    }

    public static void main(String[] args) {
        Cli.useOneLineLogs();
        if (args.length == 0 || args[0].equals("list") || args[0].equals("--list")) {
            printList(LabCatalog.discover());
            return;
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("Usage: " + COMMAND + " [-Dlab=NN | -Dargs=\"NN [lab options]\"]");
            System.out.println("  -Dlab=list (the default) lists the labs; -Dargs=\"NN --help\" shows lab NN's options.");
            printList(LabCatalog.discover());
            return;
        }
        Optional<LabCatalog.Lab> lab = labNamed(args[0]);
        if (lab.isEmpty()) {
            System.exit(Cli.EXIT_USAGE);
            return;
        }
        System.exit(run(lab.get(), Arrays.copyOfRange(args, 1, args.length)));
    }

    /** The lab {@code text} names, or empty after saying why on standard error. */
    private static Optional<LabCatalog.Lab> labNamed(String text) {
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            System.err.println("Unknown lab \"" + text + "\": give a lab number such as -Dlab=01, or -Dlab=list.");
            return Optional.empty();
        }
        Optional<LabCatalog.Lab> lab = LabCatalog.find(number);
        if (lab.isEmpty()) {
            System.err.printf("There is no lab %02d. Choose one of these with -Dlab=NN:%n", number);
            printList(LabCatalog.discover());
        }
        return lab;
    }

    /** Runs the lab's main; returns the exit status (1 with a one-line explanation if it threw). */
    static int run(LabCatalog.Lab lab, String[] labArgs) {
        System.setProperty(Cli.HELP_HINT_PROPERTY,
                "try: " + COMMAND + " -Dargs=\"" + lab.numberText() + " --help\"");
        System.out.printf("=== Lab %s: %s ===%n", lab.numberText(), lab.title());
        if (!lab.summary().isEmpty()) {
            System.out.println(lab.summary());
        }
        System.out.println();
        try {
            Method main = Class.forName(lab.className()).getMethod("main", String[].class);
            main.invoke(null, (Object) labArgs);
            return Cli.EXIT_OK;
        } catch (InvocationTargetException e) {
            explain(lab, e.getCause());
            return Cli.EXIT_FAILED;
        } catch (ReflectiveOperationException e) {
            explain(lab, e);
            return Cli.EXIT_FAILED;
        }
    }

    private static void explain(LabCatalog.Lab lab, Throwable error) {
        System.out.flush();
        System.err.println(Cli.describe("Lab " + lab.numberText() + " stopped", error));
        System.err.println(advice(lab, error));
        if ("1".equals(System.getenv(Cli.STACK_TRACE_VARIABLE))) {
            error.printStackTrace();
        }
    }

    /** What the student can do about {@code error}. */
    static String advice(LabCatalog.Lab lab, Throwable error) {
        if (error instanceof BindException) {
            return "Another program (perhaps this lab, still running in another terminal) holds the port: stop it,"
                    + " or choose another with -Dargs=\"" + lab.numberText() + " --port 0\" where the lab has --port.";
        }
        if (error instanceof ConnectException) {
            return "Nothing was listening where the lab connected: is the server it needs running?";
        }
        return "If the guide (labs/guides/) does not explain this, rerun with " + Cli.STACK_TRACE_VARIABLE
                + "=1 in the environment to see where it happened.";
    }

    static void printList(List<LabCatalog.Lab> labs) {
        if (labs.isEmpty()) {
            System.out.println("No labs found on the class path (expected classes org.socketlab.labs.LabNN<Name>).");
            return;
        }
        int titleWidth = labs.stream().mapToInt(lab -> lab.title().length()).max().orElse(10);
        System.out.println("Labs (run one with: " + COMMAND + " -Dlab=NN)");
        System.out.println();
        for (LabCatalog.Lab lab : labs) {
            System.out.printf("  %s  %-" + titleWidth + "s  %s%n", lab.numberText(), lab.title(), lab.summary());
        }
    }
}
