package org.socketlab.labs.instructor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Grades all labs, or chosen ones, of this repository or of a starter folder: runs the labs
 * module's {@code LabNN...GradingTest} suites with Maven in the target, then prints the score
 * table and where {@code results.json} (Gradescope format) is.
 *
 * <pre>
 * mvn -q compile exec:exec -pl labs -am -Dmain=org.socketlab.labs.instructor.Grade \
 *     -Dargs="[--lab NN]... [--repo DIR] [--hidden-tests DIR] [--offline]"
 * </pre>
 *
 * <p>Only the grading suites run (other modules' unit tests are skipped), so a starter with
 * unfinished labs still compiles and gets a score. Exit status: 0 when grading ran (whatever the
 * score), 1 when grading could not run, 2 for bad arguments, 3 when the target did not build.
 */
public final class Grade {

    static final String RESULTS = "labs/target/grading/results.json";
    static final String REPORT = "labs/target/grading/report.txt";
    static final String MAVEN_LOG = "labs/target/grading/maven.log";
    static final String TODO_LIST = "labs/target/grading/todo.tsv";
    private static final long MAVEN_TIMEOUT_MINUTES = 30;

    /** What a grading run produced. */
    public record Outcome(boolean built, Path results, Path report, Path mavenLog, String table) {
    }

    /** Command-line options. */
    public record Options(Repository repo, Set<String> labs, Path hiddenTests, boolean offline) {
    }

    private Grade() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "Grade", mixinStandardHelpOptions = true,
            description = "Runs the grading suites of this repository or a starter and prints the score table.")
    static final class Arguments implements Cli.Validated {
        @Option(names = {"--lab", "--labs"}, paramLabel = "NN[,NN]", description = "only these labs (repeatable)")
        List<String> labs = new ArrayList<>();
        @Option(names = "--repo", paramLabel = "DIR", description = "the repository or starter to grade (default: here)")
        Path repo;
        @Option(names = "--hidden-tests", paramLabel = "DIR", description = "add these hidden grading tests first")
        Path hiddenTests;
        @Option(names = "--offline", description = "run Maven offline (-o)")
        boolean offline;
        Options options;

        @Override
        public void validate() {
            Set<String> labNumbers = new TreeSet<>();
            labs.forEach(text -> labNumbers.addAll(labList(text)));
            options = new Options(repo != null ? Repository.at(repo) : Repository.containing(Path.of("")),
                    labNumbers, hiddenTests, offline);
        }
    }

    public static void main(String[] args) {
        Options options = Cli.parse(new Arguments(), args).options;
        try {
            Outcome outcome = run(options, System.out);
            System.exit(outcome.built() ? 0 : 3);
        } catch (IOException e) {
            System.err.println("Grade: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    /** "1,09" → ["01", "09"]; refuses anything that is not a lab number. */
    static List<String> labList(String text) {
        List<String> labs = new ArrayList<>();
        for (String part : text.split(",")) {
            String lab = part.strip();
            if (!lab.matches("\\d{1,2}")) {
                throw new IllegalArgumentException("\"" + lab + "\" is not a lab number (expected e.g. 09)");
            }
            labs.add(lab.length() == 1 ? "0" + lab : lab);
        }
        return labs;
    }

    /** The Surefire filter selecting the grading suites of {@code labs} (all when empty). */
    static String testFilter(Set<String> labs) {
        if (labs.isEmpty()) {
            return "Lab*GradingTest*";
        }
        return String.join(",", labs.stream().map(lab -> "Lab" + lab + "*GradingTest*").toList());
    }

    /** Runs the grading suites in {@code options.repo()} and prints the report to {@code out}. */
    public static Outcome run(Options options, PrintStream out) throws IOException, InterruptedException {
        Path root = options.repo().root();
        Path results = root.resolve(RESULTS);
        Path report = root.resolve(REPORT);
        Path log = root.resolve(MAVEN_LOG);
        Files.createDirectories(results.getParent());
        Files.deleteIfExists(results);
        Files.deleteIfExists(report);
        out.println("Grading " + (options.labs().isEmpty() ? "all labs" : "lab(s) " + String.join(", ", options.labs()))
                + " in " + root + " (Maven log: " + log + ")");
        Path todo = root.resolve(TODO_LIST);
        writeTodoList(options.repo(), todo);
        int exit;
        try (HiddenTests hidden = options.hiddenTests() == null ? null : HiddenTests.install(options.hiddenTests(), options.repo())) {
            if (hidden != null) {
                out.println("Added " + hidden.count() + " hidden test file(s) from " + options.hiddenTests().toAbsolutePath());
            }
            List<String> command = mavenArguments(options, hidden == null ? List.of() : hidden.suiteNames());
            command.add("-Dsocketlab.grading.todo=" + todo);
            exit = maven(root, command, log);
        }
        if (!Files.isRegularFile(results)) {
            out.println("The build failed before any grading test ran (exit " + exit + "): does the code compile?");
            out.println("Last lines of " + log + ":");
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(line -> out.println("  " + line));
            return new Outcome(false, results, report, log, "");
        }
        String table = Files.isRegularFile(report) ? Files.readString(report, StandardCharsets.UTF_8) : "";
        out.print(table);
        printRemainingStubs(options.repo(), options.labs(), out);
        out.println("Gradescope results: " + results);
        return new Outcome(true, results, report, log, table);
    }

    static List<String> mavenArguments(Options options, List<String> hiddenSuites) {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-ntp", "-Dstyle.color=never"));
        if (options.offline()) {
            command.add("-o");
        }
        command.addAll(List.of("test", "-pl", "labs", "-am",
                "-Dtest=" + testFilter(options.labs()),
                "-Dsurefire.failIfNoSpecifiedTests=false",
                // A failing grading test is a lower score, not a broken build.
                "-Dmaven.test.failure.ignore=true"));
        if (!hiddenSuites.isEmpty()) {
            // The listener marks these "after_published" in results.json (students see them after grading).
            command.add("-Dsocketlab.grading.hidden=" + String.join(",", hiddenSuites));
        }
        return command;
    }

    private static String mavenExecutable() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "mvn.cmd" : "mvn";
    }

    private static int maven(Path root, List<String> command, Path log) throws IOException, InterruptedException {
        Process maven = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!maven.waitFor(MAVEN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
            throw new IOException("Maven did not finish within " + MAVEN_TIMEOUT_MINUTES + " minutes; see " + log);
        }
        return maven.exitValue();
    }

    /** Tells the report which stubs remain, so a failed test can point at its lab's TODOs. */
    private static void writeTodoList(Repository repo, Path file) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (RemainingStubs.Stub stub : RemainingStubs.find(repo)) {
            lines.append(stub.lab()).append('\t').append(stub.location()).append("  ").append(stub.task()).append('\n');
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8);
    }

    /** Lists the "Lab NN — TODO" stubs still in the target's main sources, so a student knows what is left. */
    private static void printRemainingStubs(Repository repo, Set<String> labs, PrintStream out) throws IOException {
        List<String> remaining = RemainingStubs.find(repo).stream()
                .filter(stub -> labs.isEmpty() || labs.contains(stub.lab()))
                .map(stub -> "  Lab " + stub.lab() + "  " + stub.location() + "  " + stub.task())
                .toList();
        if (!remaining.isEmpty()) {
            out.println("Still to do (stubs that throw \"Lab NN — TODO\"):");
            remaining.forEach(out::println);
        }
    }
}
