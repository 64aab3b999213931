package org.socketlab.tcp.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Objects;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * How every socketlab {@code main} reads its command line: a picocli {@code @Command} object
 * holds the typed options, and {@link #parse} fills it before the program does anything.
 *
 * <pre>
 * public static void main(String[] args) throws Exception {
 *     Options options = Cli.parse(new Options(), args);   // --help, bad options: exits here
 *     ...                                                  // options.port is an int, validated
 * }
 * </pre>
 *
 * <p>One behaviour everywhere:
 * <ul>
 *   <li>{@code --help} (and {@code -h}) prints the usage and exits with {@value #EXIT_OK};</li>
 *   <li>an unknown option, a missing or ill-typed value, or a failed {@link Validated#validate()}
 *       prints one line {@code NAME: what was wrong} and a "try --help" line to standard error,
 *       and exits with {@value #EXIT_USAGE} — no stack trace;</li>
 *   <li>an exception that escapes {@code main} afterwards is printed as one line
 *       {@code NAME: message} (exit status 1); set the environment variable
 *       {@value #STACK_TRACE_VARIABLE}{@code =1} to see the whole stack.</li>
 * </ul>
 *
 * <p>Thread-safety: call from {@code main} only (it installs a handler for the main thread).
 */
public final class Cli {

    /** Exit status of {@code --help} and of a run that ended well. */
    public static final int EXIT_OK = 0;
    /** Exit status of a program that stopped with an explained error (port in use, peer gone, ...). */
    public static final int EXIT_FAILED = 1;
    /** Exit status of a usage error: unknown option, bad value. */
    public static final int EXIT_USAGE = 2;
    /**
     * System property that replaces the "try NAME --help" hint, e.g. the lab launcher's
     * {@code mvn ... -Dargs="02 --help"}.
     */
    public static final String HELP_HINT_PROPERTY = "socketlab.cli.help-hint";
    /** Environment variable: when {@code 1} or {@code true}, uncaught errors print their stack. */
    public static final String STACK_TRACE_VARIABLE = "SOCKETLAB_STACKTRACE";

    /**
     * The one log format of every main and lab: one line per record, {@code [log LEVEL] message},
     * through {@code System.Logger} → {@code java.util.logging} (the JDK default takes two lines).
     */
    public static final String LOG_FORMAT = "[log %4$s] %5$s%6$s%n";
    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    /** Options that check relations or ranges picocli's types cannot express. */
    public interface Validated {
        /**
         * Called after parsing, before the program runs.
         *
         * @throws IllegalArgumentException with a message stating the rule and quoting the value
         */
        void validate();
    }

    /** What {@link #parseOrExitCode} found: the parsed options, or the exit status to end with. */
    public record Outcome<T>(T options, int exitCode) {
        public boolean proceed() {
            return options != null;
        }
    }

    private Cli() {
    }

    /**
     * Parses {@code args} into {@code options} (an {@code @Command}-annotated object); on
     * {@code --help} or a usage error, prints and exits the JVM.
     */
    public static <T> T parse(T options, String[] args) {
        useOneLineLogs();
        Outcome<T> outcome = parseOrExitCode(options, args, System.out, System.err);
        if (!outcome.proceed()) {
            System.out.flush();
            System.exit(outcome.exitCode());
        }
        OneLineErrors.installForMainThread(commandName(options));
        return outcome.options();
    }

    /** Like {@link #parse} but never exits: the caller (a test, a launcher) decides. */
    public static <T> Outcome<T> parseOrExitCode(T options, String[] args, PrintStream out, PrintStream err) {
        Objects.requireNonNull(options, "options");
        CommandLine commandLine = new CommandLine(options);
        if (commandLine.getCommandSpec().version().length == 0) {
            commandLine.getCommandSpec().version(version());   // --version (-V) from mixinStandardHelpOptions
        }
        PrintWriter errWriter = new PrintWriter(err, true);
        try {
            commandLine.parseArgs(args == null ? new String[0] : args);
            if (commandLine.isUsageHelpRequested()) {
                commandLine.usage(out);
                out.flush();
                return new Outcome<>(null, EXIT_OK);
            }
            if (commandLine.isVersionHelpRequested()) {
                commandLine.printVersionHelp(out);
                out.flush();
                return new Outcome<>(null, EXIT_OK);
            }
            if (options instanceof Validated validated) {
                validated.validate();
            }
            return new Outcome<>(options, EXIT_OK);
        } catch (ParameterException e) {
            return usageError(commandLine.getCommandSpec(), e.getMessage(), errWriter);
        } catch (IllegalArgumentException e) {
            return usageError(commandLine.getCommandSpec(), e.getMessage(), errWriter);
        }
    }

    /**
     * Sets {@link #LOG_FORMAT} unless the user chose a format ({@code -Djava.util.logging...}); it
     * must run before the first log record, so {@link #parse} calls it first thing.
     */
    public static void useOneLineLogs() {
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, LOG_FORMAT);
        }
    }

    /** One line for an error a program stops on: {@code name: message (ExceptionType)}. */
    public static String describe(String name, Throwable error) {
        return OneLineErrors.describe(name, error);
    }

    /** For {@link Validated#validate()}: {@code option}'s value must lie within [min, max]. */
    public static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "option '" + option + "' is " + value + "; it must be within [" + min + ", " + max + "]");
        }
    }

    /** For {@link Validated#validate()}: a TCP or UDP port, 0 meaning "any free port". */
    public static void requirePort(String option, int port) {
        requireRange(option, port, 0, 65_535);
    }

    /** The {@code @Command(name = ...)} of an options object. */
    public static String commandName(Object options) {
        return new CommandLine(options).getCommandName();
    }

    private static <T> Outcome<T> usageError(CommandSpec spec, String message, PrintWriter err) {
        err.println(spec.name() + ": " + message);
        err.println(helpHint(spec.name()));
        err.flush();
        return new Outcome<>(null, EXIT_USAGE);
    }

    /** "socketlab 0.1.0" from the jar's manifest, or "socketlab (development build)" from classes. */
    static String version() {
        String implementation = Cli.class.getPackage().getImplementationVersion();
        return "socketlab " + (implementation != null ? implementation : "(development build)");
    }

    static String helpHint(String name) {
        String hint = System.getProperty(HELP_HINT_PROPERTY);
        return hint != null && !hint.isBlank() ? hint : "try: " + name + " --help";
    }
}
