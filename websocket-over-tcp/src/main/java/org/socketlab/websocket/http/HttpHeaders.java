package org.socketlab.websocket.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of header fields. Names compare case-insensitively (RFC 9110 §5.1), the
 * spelling given to {@link #add} is kept for writing, and repeated fields stay separate lines
 * in their original order (RFC 9110 §5.3: their order is significant).
 *
 * <p>{@link #add} refuses names that are not tokens and values a recipient could not read back
 * (CR, LF, NUL, other controls, non-ASCII, leading/trailing whitespace): a value taken from
 * user input can therefore never smuggle an extra header line into a response.
 *
 * <p>Not thread-safe: build it on one thread, then share it read-only.
 */
public final class HttpHeaders implements Iterable<Map.Entry<String, String>> {

    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    public HttpHeaders() {
    }

    /** Headers from alternating names and values: {@code of("Host", "a", "Upgrade", "websocket")}. */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs, got " + namesAndValues.length + " strings");
        }
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** Appends one field line; returns {@code this} for chaining. */
    public HttpHeaders add(String name, String value) {
        if (name == null || !HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("header name must be a token (RFC 9110 §5.1), got "
                    + (name == null ? "null" : HttpSyntax.quote(name)));
        }
        if (value == null) {
            throw new IllegalArgumentException("header " + name + " has a null value");
        }
        String problem = HttpSyntax.fieldValueProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException("value of header " + name + " " + problem
                    + " (RFC 9110 §5.5): " + HttpSyntax.quote(value));
        }
        fields.add(Map.entry(name, value));
        return this;
    }

    /** Replaces every field called {@code name} by one field line with {@code value}. */
    public HttpHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every field called {@code name}; returns whether any was present. */
    public boolean remove(String name) {
        return fields.removeIf(field -> field.getKey().equalsIgnoreCase(name));
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** The value of the first field called {@code name}. */
    public Optional<String> first(String name) {
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every value of fields called {@code name}, in order (one element per field line). */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equalsIgnoreCase(name)) {
                values.add(field.getValue());
            }
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * The comma-separated elements of every field called {@code name}, trimmed, empty elements
     * dropped: {@code "a, b"} and {@code ",a"} + {@code "b"} both give {@code [a, b]}
     * (RFC 9110 §5.3 and §5.6.1: a list may be split over lines and may contain empty elements).
     */
    public List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        for (String value : all(name)) {
            for (String element : value.split(",", -1)) {
                String trimmed = element.strip();
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed);
                }
            }
        }
        return Collections.unmodifiableList(tokens);
    }

    /** Whether any element of {@link #tokens(String)} equals {@code token}, ignoring ASCII case. */
    public boolean containsToken(String name, String token) {
        for (String element : tokens(name)) {
            if (element.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** Number of field lines. */
    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** An independent copy with the same field lines. */
    public HttpHeaders copy() {
        HttpHeaders copy = new HttpHeaders();
        copy.fields.addAll(fields);
        return copy;
    }

    /** Appends every field line of {@code other}. */
    public HttpHeaders addAll(HttpHeaders other) {
        fields.addAll(other.fields);
        return this;
    }

    /** Field lines in order; the iterator cannot remove. */
    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return Collections.unmodifiableList(fields).iterator();
    }

    /** Appends {@code Name: value CRLF} for every field (RFC 9112 §5). */
    void writeTo(StringBuilder out) {
        for (Map.Entry<String, String> field : fields) {
            out.append(field.getKey()).append(": ").append(field.getValue()).append("\r\n");
        }
    }

    /** Equal when both hold the same field lines in the same order, names compared ignoring case. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof HttpHeaders that) || that.fields.size() != fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            Map.Entry<String, String> mine = fields.get(i);
            Map.Entry<String, String> theirs = that.fields.get(i);
            if (!mine.getKey().equalsIgnoreCase(theirs.getKey()) || !mine.getValue().equals(theirs.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (Map.Entry<String, String> field : fields) {
            hash = 31 * hash + field.getKey().toLowerCase(Locale.ROOT).hashCode();
            hash = 31 * hash + field.getValue().hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
