package org.socketlab.labs.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the outcome of every {@link Points}-annotated test in a class named
 * {@code LabNN...} and, when the run ends, prints a score table per lab and writes a
 * Gradescope-style {@code results.json}.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener},
 * so Maven Surefire, IDEs and the console launcher all produce the report. The file goes to
 * the system property {@value #RESULTS_PROPERTY} (the labs pom sets
 * {@code labs/target/grading/results.json}), else {@code target/grading/results.json}.
 * Beside it goes {@code report.txt}: the table and the failure report of every test that did
 * not pass. A run without graded tests writes nothing.
 *
 * <p>Thread-safety: JUnit may report from several threads; every callback is synchronised.
 */
public final class GradingReportListener implements TestExecutionListener {

    public static final String RESULTS_PROPERTY = "socketlab.grading.results";
    /** Comma-separated simple names of hidden suites (set by the Grade command); their results.json visibility is "after_published". */
    public static final String HIDDEN_SUITES_PROPERTY = "socketlab.grading.hidden";
    /** A file of "NN&lt;TAB&gt;file:line task" lines: the TODO stubs still in the code (written by the Grade command). */
    public static final String TODO_FILE_PROPERTY = "socketlab.grading.todo";
    private static final Pattern LAB_CLASS = Pattern.compile("Lab(\\d{2})\\w*");
    private static final int STACK_FRAMES_SHOWN = 6;

    private final Path resultsFile;
    private final PrintStream console;
    private final Map<String, GradedTest> tests = new LinkedHashMap<>();
    private long startNanos;

    public GradingReportListener() {
        this(Path.of(System.getProperty(RESULTS_PROPERTY, "target/grading/results.json")), System.out);
    }

    public GradingReportListener(Path resultsFile, PrintStream console) {
        this.resultsFile = resultsFile;
        this.console = console;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        startNanos = System.nanoTime();
        // Register every graded test up front, so one that never runs (its class failed in
        // @BeforeAll, say) still counts towards the maximum score.
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier identifier : testPlan.getDescendants(root)) {
                graded(identifier);         // registers it as NOT_RUN
            }
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        graded(identifier).ifPresent(test -> test.skipped(reason));
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Optional<GradedTest> graded = graded(identifier);
        if (graded.isPresent() && identifier.isTest()) {
            switch (result.getStatus()) {
                case SUCCESSFUL -> graded.get().passed();
                case ABORTED -> graded.get().skipped(describe(result));
                case FAILED -> graded.get().failed(describe(result));
            }
        } else if (graded.isPresent() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            graded.get().failed(describe(result));          // a test template container failed
        } else if (identifier.getSource().orElse(null) instanceof ClassSource classSource
                && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            String reason = "Did not run: " + classSource.getClassName() + " failed before or after its tests.\n"
                    + describe(result);
            tests.values().stream()
                    .filter(test -> labSuiteName(classSource.getClassName()).filter(test.suite()::equals).isPresent())
                    .forEach(test -> test.didNotRun(reason));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (tests.isEmpty()) {
            return;
        }
        GradingReport report = new GradingReport(new ArrayList<>(tests.values()),
                (System.nanoTime() - startNanos) / 1e9, hiddenSuites(), remainingTodos());
        console.print(report.table());
        try {
            report.writeJson(resultsFile);
            // The table plus every failure's details, for the Grade command (and humans) to read.
            report.writeText(resultsFile.resolveSibling("report.txt"));
            console.println("Gradescope results: " + resultsFile.toAbsolutePath().normalize());
        } catch (IOException e) {
            console.println("Could not write " + resultsFile + ": " + e);
        }
        console.flush();
    }

    private static java.util.Set<String> hiddenSuites() {
        java.util.Set<String> suites = new java.util.TreeSet<>();
        for (String suite : System.getProperty(HIDDEN_SUITES_PROPERTY, "").split(",")) {
            if (!suite.isBlank()) {
                suites.add(suite.strip());
            }
        }
        return suites;
    }

    private Map<String, java.util.List<String>> remainingTodos() {
        String file = System.getProperty(TODO_FILE_PROPERTY, "");
        Map<String, java.util.List<String>> todos = new java.util.TreeMap<>();
        if (file.isBlank()) {
            return todos;
        }
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of(file), java.nio.charset.StandardCharsets.UTF_8)) {
                String[] labAndStub = line.split("\t", 2);
                if (labAndStub.length == 2) {
                    todos.computeIfAbsent(labAndStub[0], lab -> new ArrayList<>()).add(labAndStub[1]);
                }
            }
        } catch (IOException e) {
            console.println("Could not read the TODO list " + file + ": " + e);
        }
        return todos;
    }

    /** The graded test this identifier belongs to (registering it on first sight), if any. */
    private Optional<GradedTest> graded(TestIdentifier identifier) {
        TestSource source = identifier.getSource().orElse(null);
        if (!(source instanceof MethodSource methodSource)) {
            return Optional.empty();
        }
        Optional<String> labSuite = labSuiteName(methodSource.getClassName());
        if (labSuite.isEmpty()) {
            return Optional.empty();
        }
        String suite = labSuite.get();
        Matcher lab = LAB_CLASS.matcher(suite);
        lab.matches();
        Method method;
        try {
            method = methodSource.getJavaMethod();
        } catch (RuntimeException notLoadable) {
            return Optional.empty();
        }
        Points points = method.getAnnotation(Points.class);
        if (points == null) {
            return Optional.empty();
        }
        String key = methodSource.getClassName() + "#" + methodSource.getMethodName()
                + "(" + methodSource.getMethodParameterTypes() + ")";
        return Optional.of(tests.computeIfAbsent(key, unused -> new GradedTest(lab.group(1), suite,
                displayName(method, identifier), points.value())));
    }

    /**
     * The outermost class named {@code LabNN...} in a binary class name: the suite itself, or
     * the suite around a {@code @Nested} class.
     */
    static Optional<String> labSuiteName(String binaryClassName) {
        String simpleNames = binaryClassName.substring(binaryClassName.lastIndexOf('.') + 1);
        for (String simpleName : simpleNames.split("\\$")) {
            if (LAB_CLASS.matcher(simpleName).matches()) {
                return Optional.of(simpleName);
            }
        }
        return Optional.empty();
    }

    private static String displayName(Method method, TestIdentifier identifier) {
        DisplayName displayName = method.getAnnotation(DisplayName.class);
        return displayName != null ? displayName.value() : identifier.getDisplayName();
    }

    /** The failure message, and for unexpected exceptions where they came from. */
    static String describe(TestExecutionResult result) {
        Throwable failure = result.getThrowable().orElse(null);
        if (failure == null) {
            return result.getStatus().toString();
        }
        if (failure instanceof AssertionError) {
            return String.valueOf(failure.getMessage()).strip();
        }
        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text);
        writer.println("Unexpected " + failure.getClass().getName() + ": " + failure.getMessage());
        StackTraceElement[] frames = failure.getStackTrace();
        for (int i = 0; i < Math.min(STACK_FRAMES_SHOWN, frames.length); i++) {
            writer.println("    at " + frames[i]);
        }
        if (failure.getCause() != null) {
            writer.println("Caused by " + failure.getCause());
        }
        writer.flush();
        return text.toString().strip();
    }
}
