package org.socketlab.labs.instructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Extra grading tests an instructor keeps out of the starter. The folder is a Java source
 * root: {@code <dir>/org/socketlab/labs/grading/Lab09Utf8HiddenGradingTest.java}. Before a
 * grading run its files are copied into the target's {@code labs/src/test/java}; afterwards
 * they and their compiled classes are deleted again, so the checkout is left as it was.
 *
 * <p>Not thread-safe; one grading run at a time per target.
 */
final class HiddenTests implements AutoCloseable {

    private static final String TEST_ROOT = "labs/src/test/java";
    private static final Pattern GRADING_CLASS = Pattern.compile("Lab\\d{2}\\w*GradingTest\\w*\\.java");

    private static final String TEST_CLASSES = "labs/target/test-classes";

    private final List<Path> copied = new ArrayList<>();
    private final List<Path> compiledPrefixes = new ArrayList<>();
    private final Path testClasses;

    private HiddenTests(Repository target) {
        this.testClasses = target.root().resolve(TEST_CLASSES);
    }

    /** Copies every {@code .java} file under {@code source} into {@code target}'s test tree. */
    static HiddenTests install(Path source, Repository target) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("the hidden-tests folder " + source.toAbsolutePath() + " does not exist");
        }
        HiddenTests installed = new HiddenTests(target);
        Path testRoot = target.root().resolve(TEST_ROOT);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        try {
            for (Path file : files) {
                if (!GRADING_CLASS.matcher(file.getFileName().toString()).matches()) {
                    System.out.println("Note: hidden test " + file.getFileName()
                            + " is not named LabNN...GradingTest, so the grading run will not select it.");
                }
                Path destination = testRoot.resolve(source.relativize(file).toString());
                if (Files.exists(destination)) {
                    throw new IllegalArgumentException("hidden test " + destination + " already exists in the target;"
                            + " rename it or remove the copy");
                }
                Files.createDirectories(destination.getParent());
                Files.copy(file, destination);
                installed.copied.add(destination);
                // org/x/LabNNFooGradingTest.java -> org/x/LabNNFooGradingTest (and its nested classes)
                installed.compiledPrefixes.add(installed.testClasses.resolve(
                        source.relativize(file).toString().replaceFirst("\\.java$", "")));
            }
        } catch (IOException | RuntimeException e) {
            installed.close();
            throw e;
        }
        return installed;
    }

    int count() {
        return copied.size();
    }

    /** Simple class names of the copied tests, for the report's visibility setting. */
    List<String> suiteNames() {
        return copied.stream().map(file -> file.getFileName().toString().replaceFirst("\\.java$", "")).toList();
    }

    /**
     * Deletes the copies and their compiled classes, so that neither the checkout nor a later
     * ordinary test run contains the hidden tests.
     */
    @Override
    public void close() {
        List<Path> remove = new ArrayList<>(copied);
        for (Path prefix : compiledPrefixes) {
            String name = prefix.getFileName().toString();
            try (Stream<Path> siblings = Files.isDirectory(prefix.getParent()) ? Files.list(prefix.getParent()) : Stream.empty()) {
                siblings.filter(file -> {
                    String fileName = file.getFileName().toString();
                    return fileName.equals(name + ".class") || fileName.startsWith(name + "$");
                }).forEach(remove::add);
            } catch (IOException e) {
                System.err.println("Could not list " + prefix.getParent() + ": " + e);
            }
        }
        for (Path file : remove) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.err.println("Could not remove hidden test file " + file + ": " + e);
            }
        }
        copied.clear();
        compiledPrefixes.clear();
    }
}
