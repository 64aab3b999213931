package org.socketlab.labs.instructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A socketlab checkout (the reference or a generated starter): where its root is, which files
 * belong to it, and which lab guides it has. Everything is discovered, so labs added later need
 * no change here.
 *
 * <p>Immutable; thread-safe.
 */
public record Repository(Path root) {

    /** Build output and tool folders that never belong in a starter. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", ".idea", ".vscode");
    private static final Pattern GUIDE = Pattern.compile("(\\d{2})-[\\w.-]+\\.md");

    /** The repository containing {@code start}: the nearest folder upwards with pom.xml and labs/pom.xml. */
    public static Repository containing(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("labs/pom.xml"))) {
                return new Repository(dir);
            }
        }
        throw new IllegalArgumentException("no socketlab repository (a folder with pom.xml and labs/pom.xml) at or above "
                + start.toAbsolutePath().normalize());
    }

    /** Opens {@code dir} as a repository, refusing a folder that is not one. */
    public static Repository at(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("labs/pom.xml"))) {
            throw new IllegalArgumentException(root + " is not a socketlab repository (it has no labs/pom.xml)");
        }
        return new Repository(root);
    }

    /**
     * The files that make up the repository, relative to the root with {@code /} separators:
     * git's tracked and untracked-but-not-ignored files when this is a git checkout, else every
     * file outside build and tool folders.
     */
    public List<String> files() throws IOException {
        List<String> fromGit = gitFiles();
        if (fromGit != null) {
            return fromGit.stream().filter(file -> Files.isRegularFile(root.resolve(file))).sorted().toList();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(file -> Stream.of(file.split("/")).noneMatch(
                            part -> SKIPPED_DIRECTORIES.contains(part) || part.startsWith("target-")))
                    .sorted().toList();
        }
    }

    /** {@code git ls-files}, or null when git is missing or this is not a git checkout. */
    private List<String> gitFiles() {
        if (!Files.exists(root.resolve(".git"))) {
            return null;
        }
        try {
            Process git = new ProcessBuilder("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z")
                    .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = git.getInputStream().readAllBytes();
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return null;
            }
            List<String> files = new ArrayList<>();
            for (String name : new String(output, StandardCharsets.UTF_8).split("\0")) {
                if (!name.isEmpty()) {
                    files.add(name);
                }
            }
            return files;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Lab number → guide path relative to the root, e.g. "09" → "labs/guides/09-frames-and-masking.md". */
    public Map<String, String> guides() throws IOException {
        Map<String, String> guides = new TreeMap<>();
        Path folder = root.resolve("labs/guides");
        if (!Files.isDirectory(folder)) {
            return guides;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.map(file -> file.getFileName().toString()).sorted().forEach(name -> {
                Matcher guide = GUIDE.matcher(name);
                if (guide.matches()) {
                    guides.putIfAbsent(guide.group(1), "labs/guides/" + name);
                }
            });
        }
        return guides;
    }

    /** True for main Java sources, the only files whose solution markers are honoured. */
    static boolean isMainJavaSource(String file) {
        return file.endsWith(".java") && file.contains("/src/main/java/");
    }
}
