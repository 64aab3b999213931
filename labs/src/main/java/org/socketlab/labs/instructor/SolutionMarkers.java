package org.socketlab.labs.instructor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and replaces solution regions in Java source lines.
 *
 * <pre>{@code
 *     public static void applySimple(ByteBuffer buf, int maskKey, int maskOffset) {
 *         // BEGIN SOLUTION lab=09 task="mask/unmask the payload one byte at a time"
 *         for (...) { ... }
 *         // END SOLUTION
 *     }
 * }</pre>
 *
 * <p>The markers are line comments, so the reference compiles unchanged. In a starter the
 * lines between them become one {@code throw new UnsupportedOperationException("Lab 09 — TODO:
 * ...")} and the markers stay, so students see where to write. A {@code throw} compiles as the
 * last statement of any block, whatever the method returns; that is why a region must end its
 * block: the first code line after {@code END SOLUTION} must start with <code>}</code>. Regions
 * that cover a whole method body are the clearest.
 *
 * <p>Stateless; thread-safe.
 */
public final class SolutionMarkers {

    private static final Pattern BEGIN = Pattern.compile("^(\\s*)//\\s*BEGIN SOLUTION\\b(.*)$");
    private static final Pattern END = Pattern.compile("^\\s*//\\s*END SOLUTION\\b.*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s*(\\w+)=(?:\"([^\"]*)\"|(\\S+))");
    private static final Pattern LAB = Pattern.compile("\\d{2}");
    /** A stub the generator wrote: {@code throw new UnsupportedOperationException("Lab 09 — TODO: task ...")}. */
    public static final Pattern STUB = Pattern.compile(
            "UnsupportedOperationException\\(\"Lab (\\d{2}) — TODO: (.*?)(?: \\(see [^)]*\\))?\"\\)");

    private SolutionMarkers() {
    }

    /** Every region in {@code lines}, in order; fails on the first malformed marker. */
    public static List<SolutionRegion> find(String file, List<String> lines) throws MarkerException {
        List<SolutionRegion> regions = new ArrayList<>();
        Matcher open = null;
        int openLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher begin = BEGIN.matcher(line);
            if (begin.matches()) {
                if (open != null) {
                    throw new MarkerException(file, i + 1, "BEGIN SOLUTION inside the region opened at line "
                            + openLine + "; regions cannot nest (close the first with // END SOLUTION)");
                }
                open = begin;
                openLine = i + 1;
            } else if (END.matcher(line).matches()) {
                if (open == null) {
                    throw new MarkerException(file, i + 1, "END SOLUTION without a BEGIN SOLUTION before it");
                }
                regions.add(region(file, lines, open, openLine, i + 1));
                open = null;
            }
        }
        if (open != null) {
            throw new MarkerException(file, openLine, "BEGIN SOLUTION is never closed; add // END SOLUTION"
                    + " before the closing brace of its block");
        }
        return regions;
    }

    private static SolutionRegion region(String file, List<String> lines, Matcher begin, int beginLine, int endLine)
            throws MarkerException {
        Map<String, String> attributes = attributes(file, beginLine, begin.group(2));
        String lab = attributes.get("lab");
        String task = attributes.get("task");
        if (lab == null || !LAB.matcher(lab).matches()) {
            throw new MarkerException(file, beginLine, "BEGIN SOLUTION needs lab=NN with two digits (e.g. lab=09), got "
                    + (lab == null ? "none" : "lab=" + lab));
        }
        if (task == null || task.isBlank()) {
            throw new MarkerException(file, beginLine, "BEGIN SOLUTION needs task=\"what the student writes\"");
        }
        if (endLine == beginLine + 1) {
            throw new MarkerException(file, beginLine, "the region is empty; mark the lines the student writes");
        }
        String next = nextCodeLine(lines, endLine);
        if (!next.startsWith("}")) {
            throw new MarkerException(file, endLine, "END SOLUTION must end its block (the next code line must start"
                    + " with '}'), because the stub's throw must be the block's last statement; found \"" + next + "\"");
        }
        return new SolutionRegion(file, beginLine, endLine, lab, task.strip(), begin.group(1));
    }

    private static Map<String, String> attributes(String file, int line, String text) throws MarkerException {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(text);
        int at = 0;
        while (matcher.find() && matcher.start() == at) {
            String name = matcher.group(1);
            if (!Set.of("lab", "task").contains(name)) {
                throw new MarkerException(file, line, "unknown attribute " + name + "=; only lab= and task= exist");
            }
            attributes.put(name, matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
            at = matcher.end();
        }
        if (!text.substring(at).isBlank()) {
            throw new MarkerException(file, line, "cannot read the marker's attributes from \"" + text.strip()
                    + "\"; write lab=NN task=\"...\"");
        }
        return attributes;
    }

    /** The first line after {@code endLine} (1-based) that is neither blank nor a line comment. */
    private static String nextCodeLine(List<String> lines, int endLine) {
        for (int i = endLine; i < lines.size(); i++) {
            String stripped = lines.get(i).strip();
            if (!stripped.isEmpty() && !stripped.startsWith("//")) {
                return stripped;
            }
        }
        return "end of file";
    }

    /** The message a stub throws: "Lab 09 — TODO: task (see labs/guides/09-...md)". */
    public static String stubMessage(SolutionRegion region, String guide) {
        return "Lab " + region.lab() + " — TODO: " + region.task() + (guide == null ? "" : " (see " + guide + ")");
    }

    /**
     * The lines with each region in {@code stubbed} replaced by its stub; markers are kept.
     *
     * @param guides lab number → guide path ("labs/guides/09-frames-and-masking.md"); may lack a lab
     */
    public static List<String> replace(List<String> lines, List<SolutionRegion> stubbed, Map<String, String> guides) {
        List<String> out = new ArrayList<>(lines.size());
        int next = 0;
        for (SolutionRegion region : stubbed) {
            out.addAll(lines.subList(next, region.beginLine()));          // up to and including BEGIN
            String message = stubMessage(region, guides.get(region.lab()));
            out.add(region.indent() + "throw new UnsupportedOperationException(\"" + javaString(message) + "\");");
            next = region.endLine() - 1;                                  // from END on
        }
        out.addAll(lines.subList(next, lines.size()));
        return out;
    }

    private static String javaString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
