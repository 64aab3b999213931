package org.socketlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every relative link in every Markdown file of the repository resolves: the file or folder
 * exists, and a {@code #anchor} names a heading of the target (GitHub's rules: lower case,
 * punctuation dropped, spaces become hyphens, repeats get {@code -1}, {@code -2}) or an explicit
 * {@code <a id>}. Links inside code blocks and code spans are not links; web links are not
 * fetched (tests stay off the network).
 */
class MarkdownLinksTest {

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        Path root = MainsCommandLineTest.repositoryRoot();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : markdownFiles(root)) {
            for (String target : links(Files.readString(file))) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue;                                        // https:, mailto:, ...
                }
                checked++;
                String problem = problem(root, file, target);
                if (problem != null) {
                    broken.add(root.relativize(file) + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
        assertThat(checked).as("relative links checked").isGreaterThan(50);
    }

    @Test
    void slugsFollowGitHub() {
        assertThat(slug("Set-up: the two commands")).isEqualTo("set-up-the-two-commands");
        assertThat(slug("TCP: `tcp-blocking`")).isEqualTo("tcp-tcp-blocking");
        assertThat(slug("Polling, long polling — and WebSocket")).isEqualTo("polling-long-polling--and-websocket");
        assertThat(slug("[Links](docs/x.md) and *emphasis*")).isEqualTo("links-and-emphasis");
    }

    private String problem(Path root, Path file, String target) throws IOException {
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
        if (!resolved.startsWith(root)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file or folder";
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown cannot be checked";
        }
        Set<String> anchors = anchorsByFile.computeIfAbsent(resolved, MarkdownLinksTest::anchors);
        return anchors.contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + root.relativize(resolved);
    }

    private static List<Path> markdownFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".md")).filter(file -> {
                String path = root.relativize(file).toString().replace('\\', '/');
                return !path.contains("node_modules/") && !path.contains("target/") && !path.startsWith(".git/");
            }).sorted().toList();
        }
    }

    /** Link targets outside fenced code blocks and code spans. */
    static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced || line.startsWith("    ") && !line.strip().startsWith("-") && !line.strip().startsWith("|")) {
                continue;                                            // indented code block
            }
            Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    private static Set<String> anchors(Path file) {
        try {
            Set<String> anchors = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean fenced = false;
            for (String line : Files.readString(file).split("\n", -1)) {
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    String slug = slug(heading.group(1));
                    int count = seen.merge(slug, 1, Integer::sum);
                    anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
                }
                Matcher html = HTML_ANCHOR.matcher(line);
                while (html.find()) {
                    anchors.add(html.group(1));
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** GitHub's heading anchor: the rendered text, lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String headingText) {
        String rendered = headingText.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
        return rendered.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
