package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every "read guide X, section Y" in every grading suite leads somewhere: Y is a heading of the
 * guide, or a step of its "Steps" section ("Step 2" = the second numbered step, or a step written
 * "**Step 2 — ...**"; "Step 2: title" must also match that step's title). A student who follows a
 * failure report must land on the text that explains it.
 *
 * <p>The suites are read as source, with the forms they use: {@code scenario(..., GUIDE, "Y")},
 * {@code hint(..., "Y")}, {@code expectBytes(..., "Y")} and {@code (%s, \"Y\")} inside messages.
 */
class GuideReferencesTest {

    private static final Path SUITES = Path.of("src/test/java/org/socketlab/labs/grading");
    private static final Path GUIDES = Path.of("guides");
    private static final Pattern GUIDE_CONSTANT = Pattern.compile("String GUIDE = \"(?:labs/guides/)?([^\"]+)\"");
    private static final List<Pattern> SECTION_FORMS = List.of(
            Pattern.compile("GUIDE,\\s*\"([^\"\\\\]+)\"\\s*\\)"),
            Pattern.compile("%s,\\s*(?:section\\s+)?\\\\\"([^\"\\\\]+)\\\\\""),
            Pattern.compile("GUIDE \\+ \", (?:section )?\\\\\"([^\"\\\\]+)\\\\\""));
    /** The last string argument of a helper call that takes the section last. */
    private static final Pattern LAST_LITERAL = Pattern.compile(",\\s*\"([^\"\\\\]+)\"\\s*\\)\\s*\\)?\\s*$");
    private static final Pattern STEP = Pattern.compile("(?i)(?:step|steps, part) (\\d+)(?:(?::| —) (.+))?");

    @Test
    void everySectionNamedByAGradingSuiteExistsInItsGuide() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path suite : suites()) {
            String source = Files.readString(suite);
            Matcher constant = GUIDE_CONSTANT.matcher(source);
            assertThat(constant.find()).as("%s declares its GUIDE", suite.getFileName()).isTrue();
            Path guide = GUIDES.resolve(constant.group(1));
            assertThat(guide).as("the guide of %s", suite.getFileName()).isRegularFile();
            Guide parsed = Guide.read(guide);
            for (String section : sections(source)) {
                checked++;
                if (!parsed.has(section)) {
                    broken.add(suite.getFileName() + ": \"" + section + "\" is not a heading or step of " + guide
                            + " (headings: " + parsed.headings + ", steps: " + parsed.steps + ")");
                }
            }
        }
        assertThat(broken).as("references that lead nowhere").isEmpty();
        assertThat(checked).as("distinct section references found (a drop means a form is no longer read)")
                .isGreaterThan(80);
    }

    @Test
    void theMatcherRejectsWhatTheIssueFound() throws IOException {
        Guide guide = Guide.read(GUIDES.resolve("07-long-polling-streaming-sse.md"));
        assertThat(guide.has("Step 1: long polling")).isFalse();
        assertThat(guide.has("Step 4: measuring")).isFalse();
        assertThat(guide.has("Step 2: measuring")).isTrue();
        assertThat(guide.has("Vanishing clients")).isTrue();
    }

    private static List<Path> suites() throws IOException {
        try (Stream<Path> files = Files.list(SUITES)) {
            return files.filter(file -> file.getFileName().toString().matches("Lab\\d\\d.*GradingTest\\.java")).sorted()
                    .toList();
        }
    }

    static Set<String> sections(String source) {
        Set<String> sections = new LinkedHashSet<>();
        for (Pattern form : SECTION_FORMS) {
            Matcher matcher = form.matcher(source);
            while (matcher.find()) {
                sections.add(matcher.group(1));
            }
        }
        for (String statement : source.split(";")) {
            String flat = statement.replaceAll("\\s+", " ");
            for (String helper : List.of("hint(", "expectBytes(")) {
                int call = flat.indexOf(helper);
                while (call >= 0 && call > 0 && flat.charAt(call - 1) == '.') {
                    call = flat.indexOf(helper, call + 1);       // scenario.expectBytes: its last text is "why"
                }
                while (call >= 0) {
                    String rest = flat.substring(call);
                    int end = closingParenthesis(rest, helper.length() - 1);
                    if (end > 0) {
                        Matcher last = LAST_LITERAL.matcher(rest.substring(0, end + 1));
                        if (last.find()) {
                            sections.add(last.group(1));
                        }
                    }
                    call = flat.indexOf(helper, call + 1);
                    while (call > 0 && flat.charAt(call - 1) == '.') {
                        call = flat.indexOf(helper, call + 1);
                    }
                }
            }
        }
        return sections;
    }

    private static int closingParenthesis(String text, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == '(') {
                depth++;
            } else if (!inString && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A guide's headings and the titles of its numbered steps. */
    record Guide(List<String> headings, List<String> steps, List<String> namedSteps) {

        private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
        private static final Pattern NUMBERED_STEP = Pattern.compile("^\\d+\\. \\*\\*(.+?)\\*\\*", Pattern.MULTILINE);
        private static final Pattern NAMED_STEP = Pattern.compile("\\*\\*Step (\\d+) — (.+?)\\*\\*");

        static Guide read(Path file) throws IOException {
            String text = Files.readString(file);
            List<String> headings = new ArrayList<>();
            Matcher heading = HEADING.matcher(text);
            while (heading.find()) {
                headings.add(normalise(heading.group(1)));
            }
            int stepsStart = text.indexOf("\n## Steps");
            List<String> steps = new ArrayList<>();
            List<String> namedSteps = new ArrayList<>();
            if (stepsStart >= 0) {
                int stepsEnd = text.indexOf("\n## ", stepsStart + 1);
                String stepsText = text.substring(stepsStart, stepsEnd < 0 ? text.length() : stepsEnd);
                Matcher numbered = NUMBERED_STEP.matcher(stepsText);
                while (numbered.find()) {
                    steps.add(normalise(numbered.group(1).replaceFirst("^(Part|Step) \\d+ — ", "")));
                }
                Matcher named = NAMED_STEP.matcher(stepsText);
                while (named.find()) {
                    int number = Integer.parseInt(named.group(1));
                    while (namedSteps.size() < number) {
                        namedSteps.add(null);
                    }
                    namedSteps.set(number - 1, normalise(named.group(2)));
                }
            }
            return new Guide(headings, steps, namedSteps);
        }

        boolean has(String section) {
            if (headings.contains(normalise(section))) {
                return true;
            }
            Matcher step = STEP.matcher(section.strip());
            if (!step.matches()) {
                return false;
            }
            int number = Integer.parseInt(step.group(1));
            String title = step.group(2) == null ? null : normalise(step.group(2));
            List<String> candidates = namedSteps.isEmpty() ? steps : namedSteps;
            if (number < 1 || number > candidates.size() || candidates.get(number - 1) == null) {
                return false;
            }
            return title == null || candidates.get(number - 1).startsWith(title);
        }

        static String normalise(String text) {
            String plain = text.replaceAll("[`*]", "").strip().toLowerCase(Locale.ROOT);
            plain = plain.replaceAll("[.:;,]+$", "").strip();
            return plain.startsWith("the ") ? plain.substring(4) : plain;
        }
    }
}
