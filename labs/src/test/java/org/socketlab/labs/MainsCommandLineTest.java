package org.socketlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every {@code main} in the repository reads its command line through {@link Cli}: {@code --help}
 * exits 0 with a usage, a bogus option exits 2 with our one-line format and no stack trace. The
 * list of mains is found by scanning the sources, so a new main without picocli fails here.
 */
@Timeout(60)
class MainsCommandLineTest {

    private static final Pattern MAIN = Pattern.compile("^\\s+public static void main\\(String\\[\\] \\w+\\)",
            Pattern.MULTILINE);
    /** Mains that are not picocli commands on purpose: the launcher dispatches to lab commands. */
    private static final List<String> NOT_COMMANDS = List.of("org.socketlab.labs.LabLauncher");

    @TestFactory
    Stream<DynamicTest> everyMainAnswersHelpAndRejectsABogusOption() throws IOException {
        List<String> mains = mainClassNames();
        assertThat(mains).as("mains found under %s", repositoryRoot()).hasSizeGreaterThanOrEqualTo(30);
        return mains.stream().filter(name -> !NOT_COMMANDS.contains(name))
                .map(name -> DynamicTest.dynamicTest(name, () -> checkCommand(name)));
    }

    private static void checkCommand(String className) throws Exception {
        Class<?> main = Class.forName(className);
        Class<?> options = commandClass(main);
        assertThat(options).as("%s has a nested @Command options class", className).isNotNull();
        String name = new CommandLine(options).getCommandName();

        Run help = parse(options, "--help");
        assertThat(help.exitCode()).as("%s --help exit status", className).isEqualTo(Cli.EXIT_OK);
        assertThat(help.out()).as("%s --help output", className).startsWith("Usage: " + name).contains("--help");
        assertThat(help.err()).as("%s --help standard error", className).isEmpty();

        Run bogus = parse(options, "--no-such-option");
        assertThat(bogus.exitCode()).as("%s --no-such-option exit status", className).isEqualTo(Cli.EXIT_USAGE);
        assertThat(bogus.out()).isEmpty();
        boolean requiresOptions = new CommandLine(options).getCommandSpec().requiredArgs().size() > 0;
        String expectedProblem = requiresOptions ? "Missing required option" : "Unknown option: '--no-such-option'";
        assertThat(bogus.err()).as("%s --no-such-option standard error", className)
                .startsWith(name + ": " + expectedProblem).endsWith("\ntry: " + name + " --help\n")
                .hasLineCount(2);

        Path source = sourceOf(className);
        assertThat(Files.readString(source)).as("%s parses its arguments with Cli.parse", source).contains("Cli.parse(");
    }

    @Test
    void aLabRejectsATypedOptionBeforeRunningAnything() throws Exception {
        Run run = parse(Lab02ConcurrentServers.Options.class, "--connections", "abc");
        assertThat(run.exitCode()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("lab 02: Invalid value for option '--connections': 'abc' is not an int\n"
                + "try: lab 02 --help\n");
        Run range = parse(Lab02ConcurrentServers.Options.class, "--clients", "0");
        assertThat(range.err()).startsWith("lab 02: option '--clients' is 0; it must be within [1, 100000]\n");
    }

    @Test
    void labOneRejectsEveryArgument() throws Exception {
        assertThat(parse(Lab01TcpEcho.Options.class, "extra").exitCode()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(parse(Lab01TcpEcho.Options.class, "--port", "1").exitCode()).isEqualTo(Cli.EXIT_USAGE);
    }

    /** Through a real JVM: exit status 2 and nothing of the lab ran, the hint names the launcher. */
    @Test
    void theLauncherReportsABadOptionInOneLineWithExitStatus2() throws Exception {
        Process process = java(LabLauncher.class.getName(), "02", "--connections", "abc");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit status; stderr: %s", err).isEqualTo(Cli.EXIT_USAGE);
        assertThat(out).doesNotContain("Part ");
        assertThat(err).isEqualTo("lab 02: Invalid value for option '--connections': 'abc' is not an int\n"
                + "try: mvn -q compile exec:exec -pl labs -am -Dargs=\"02 --help\"\n");
    }

    @Test
    void theLauncherRejectsAnUnknownLabWithExitStatus2() throws Exception {
        for (String lab : List.of("99", "abc")) {
            Process process = java(LabLauncher.class.getName(), lab);
            process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("exit status for lab %s", lab).isEqualTo(Cli.EXIT_USAGE);
            assertThat(err).doesNotContain("Exception", "\tat ");
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run parse(Class<?> options, String... args) throws Exception {
        Object command = CommandLine.defaultFactory().create(options);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli.Outcome<Object> outcome = Cli.parseOrExitCode(command, args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(outcome.exitCode(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Process java(String mainClass, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static Class<?> commandClass(Class<?> main) {
        if (main.isAnnotationPresent(Command.class)) {
            return main;
        }
        for (Class<?> nested : main.getDeclaredClasses()) {
            if (nested.isAnnotationPresent(Command.class)) {
                return nested;
            }
        }
        return null;
    }

    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("labs/pom.xml")) ? here : here.getParent();
    }

    private static List<String> mainClassNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repositoryRoot())) {
            for (Path file : files.filter(MainsCommandLineTest::isMainSource).toList()) {
                Matcher matcher = MAIN.matcher(Files.readString(file));
                if (matcher.find()) {
                    String path = file.toString().replace('\\', '/');
                    String relative = path.substring(path.indexOf("/src/main/java/") + "/src/main/java/".length());
                    names.add(relative.substring(0, relative.length() - ".java".length()).replace('/', '.'));
                }
            }
        }
        return names.stream().sorted().toList();
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.endsWith(".java") && path.contains("/src/main/java/") && !path.contains("/node_modules/")
                && !path.contains("/target/") && !path.endsWith("package-info.java");
    }

    private static Path sourceOf(String className) throws IOException {
        String relative = "src/main/java/" + className.replace('.', '/') + ".java";
        try (Stream<Path> modules = Files.list(repositoryRoot())) {
            return modules.map(module -> module.resolve(relative)).filter(Files::isRegularFile).findFirst().orElseThrow();
        }
    }
}
