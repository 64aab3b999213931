package org.socketlab.labs.instructor;

/**
 * A solution marker is malformed (unclosed, nested, missing {@code lab=} or {@code task=}, or
 * not at the end of its block). The message names the file and line; the generator stops
 * rather than write a starter that would not compile.
 */
public final class MarkerException extends Exception {

    private static final long serialVersionUID = 1L;

    public MarkerException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
