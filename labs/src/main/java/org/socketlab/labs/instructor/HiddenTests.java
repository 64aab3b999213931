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
 * they are deleted again, so a student's checkout is left as it was.
 *
 * <p>Not thread-safe; one grading run at a time per target.
 */
final class HiddenTests implements AutoCloseable {

    private static final String TEST_ROOT = "labs/src/test/java";
    private static final Pattern GRADING_CLASS = Pattern.compile("Lab\\d{2}\\w*GradingTest\\w*\\.java");

    private final List<Path> copied = new ArrayList<>();

    private HiddenTests() {
    }

    /** Copies every {@code .java} file under {@code source} into {@code target}'s test tree. */
    static HiddenTests install(Path source, Repository target) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("the hidden-tests folder " + source.toAbsolutePath() + " does not exist");
        }
        HiddenTests installed = new HiddenTests();
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

    /** Deletes the copies (and their compiled classes are left to the next build to replace). */
    @Override
    public void close() {
        for (Path file : copied) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.err.println("Could not remove hidden test copy " + file + ": " + e);
            }
        }
        copied.clear();
    }
}
