package org.socketlab.websocket.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An API Gateway route selection expression over the JSON message body, parsed once:
 * {@code $request.body.action}, or a nested path such as {@code $request.body.meta.action}
 * (the {@code ${request.body.action}} spelling is accepted too). A path segment made of digits
 * also indexes into an array ({@code $request.body.steps.0.kind}).
 *
 * <p>{@link #evaluate(JsonNode)} walks the path in the parsed body; the route key is the string
 * it ends on. A missing key, a non-object on the way, or a value that is not a JSON string
 * (number, boolean, object, null) gives no route key — the caller then picks {@code $default}.
 * Immutable and thread-safe.
 */
public final class RouteSelectionExpression {

    private static final String PREFIX = "$request.body.";
    private static final int MAX_SEGMENTS = 32;

    private final String source;
    private final List<String> path;

    private RouteSelectionExpression(String source, List<String> path) {
        this.source = source;
        this.path = path;
    }

    /**
     * Parses {@code $request.body.a.b.c}.
     *
     * @throws IllegalArgumentException naming the rule when the expression is malformed
     */
    public static RouteSelectionExpression parse(String expression) {
        // BEGIN SOLUTION lab=12 task="parse $request.body.a.b into its path segments; refuse a malformed expression, naming the rule it breaks"
        Objects.requireNonNull(expression, "expression");
        String plain = expression.startsWith("${") && expression.endsWith("}")
                ? "$" + expression.substring(2, expression.length() - 1)
                : expression;
        if (!plain.startsWith(PREFIX)) {
            throw invalid(expression, "it must start with \"" + PREFIX + "\"");
        }
        String rest = plain.substring(PREFIX.length());
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= rest.length(); i++) {
            if (i == rest.length() || rest.charAt(i) == '.') {
                if (i == start) {
                    throw invalid(expression, "every path segment must be non-empty");
                }
                segments.add(rest.substring(start, i));
                start = i + 1;
            } else if (Character.isWhitespace(rest.charAt(i)) || Character.isISOControl(rest.charAt(i))) {
                throw invalid(expression, "a path segment must not contain whitespace or control characters");
            }
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw invalid(expression, "the path has " + segments.size() + " segments; the maximum is " + MAX_SEGMENTS);
        }
        return new RouteSelectionExpression(expression, List.copyOf(segments));
        // END SOLUTION
    }

    private static IllegalArgumentException invalid(String expression, String rule) {
        return new IllegalArgumentException("route selection expression \"" + expression + "\" is invalid: " + rule
                + " (e.g. $request.body.action)");
    }

    /** The route key the body selects, or empty when the path does not end on a JSON string. */
    public Optional<String> evaluate(JsonNode body) {
        // BEGIN SOLUTION lab=12 task="evaluate the route selection expression: walk the path through the JSON body; only a string at its end is a route key"
        JsonNode node = body;
        for (String segment : path) {
            if (node == null) {
                return Optional.empty();
            }
            node = step(node, segment);
        }
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
        // END SOLUTION
    }

    private static JsonNode step(JsonNode node, String segment) {
        if (node.isObject()) {
            return node.get(segment);
        }
        if (node.isArray() && !segment.isEmpty() && segment.length() <= 9 && segment.chars().allMatch(Character::isDigit)) {
            return node.get(Integer.parseInt(segment));
        }
        return null;
    }

    /** The path below {@code $request.body}, e.g. {@code [meta, action]}. */
    public List<String> path() {
        return path;
    }

    @Override
    public String toString() {
        return source;
    }
}
