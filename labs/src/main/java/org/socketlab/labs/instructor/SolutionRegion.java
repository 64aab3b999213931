package org.socketlab.labs.instructor;

/**
 * One marked solution region: the lines strictly between a {@code BEGIN SOLUTION} and an
 * {@code END SOLUTION} comment in a reference source file.
 *
 * @param file       the file, relative to the repository root, with {@code /} separators
 * @param beginLine  1-based line number of the {@code BEGIN SOLUTION} comment
 * @param endLine    1-based line number of the {@code END SOLUTION} comment
 * @param lab        the two-digit lab number, e.g. {@code "09"}
 * @param task       what the student writes here, e.g. {@code "unmask the payload"}
 * @param indent     the whitespace before the {@code BEGIN} comment (the stub gets the same)
 */
public record SolutionRegion(String file, int beginLine, int endLine, String lab, String task, String indent) {

    /** "labs/.../Masking.java:26" — where the region starts, for messages and STARTER.md. */
    public String location() {
        return file + ":" + beginLine;
    }
}
