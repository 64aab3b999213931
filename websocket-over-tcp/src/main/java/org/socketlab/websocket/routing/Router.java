package org.socketlab.websocket.routing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the route of each message — pure: no I/O, no threads. The message is parsed as JSON
 * (one value, nothing after it); the {@link RouteSelectionExpression} is evaluated on it;
 * a key with a registered route selects that route. Everything else — not JSON, no key, a key
 * that is not a string, an unknown key, a binary message — goes to {@code $default}, as in
 * API Gateway. Without a {@code $default} route such a message selects nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class Router {

    /** Shared and thread-safe once configured; trailing garbage makes a body "not JSON". */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final RouteSelectionExpression expression;
    private final Map<String, RouteHandler> routes;
    private final Optional<RouteHandler> defaultRoute;

    /**
     * @param routes       custom routes by key (no {@code $} keys)
     * @param defaultRoute the {@code $default} route, if any
     */
    public Router(RouteSelectionExpression expression, Map<String, RouteHandler> routes,
                  Optional<RouteHandler> defaultRoute) {
        this.expression = Objects.requireNonNull(expression, "expression");
        routes.keySet().forEach(RouteKeys::requireCustom);
        this.routes = Map.copyOf(routes);
        this.defaultRoute = Objects.requireNonNull(defaultRoute, "defaultRoute");
    }

    /** The route of a text message. */
    public RouteSelection select(String text) {
        Optional<JsonNode> body = parse(text);
        Optional<String> key = body.flatMap(expression::evaluate).filter(routes::containsKey);
        return new RouteSelection(key.isPresent() ? key : fallback(), body);
    }

    /** The route of a binary message: never evaluated, always {@code $default} (API Gateway does the same). */
    public RouteSelection selectBinary() {
        return new RouteSelection(fallback(), Optional.empty());
    }

    /** The handler of a key {@link #select} returned. */
    public RouteHandler handler(String routeKey) {
        RouteHandler handler = RouteKeys.DEFAULT.equals(routeKey) ? defaultRoute.orElse(null) : routes.get(routeKey);
        if (handler == null) {
            throw new IllegalArgumentException("no route \"" + routeKey + "\" is registered");
        }
        return handler;
    }

    public RouteSelectionExpression expression() {
        return expression;
    }

    private Optional<String> fallback() {
        return defaultRoute.isPresent() ? Optional.of(RouteKeys.DEFAULT) : Optional.empty();
    }

    private static Optional<JsonNode> parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
            return Optional.empty(); // cheap exit: only an object (or array) can hold a route key
        }
        try {
            return Optional.ofNullable(JSON.readTree(trimmed));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }
}
