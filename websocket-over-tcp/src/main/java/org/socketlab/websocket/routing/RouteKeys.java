package org.socketlab.websocket.routing;

/**
 * The predefined route keys of an API Gateway WebSocket API. Custom route keys must not start
 * with {@code $}: that prefix is reserved, so a message can never select {@code $connect} or
 * {@code $disconnect}.
 */
public final class RouteKeys {

    /** Called once per upgrade request, before the 101; may refuse the connection. */
    public static final String CONNECT = "$connect";
    /** Called exactly once when a connection that passed $connect ends, however it ends. */
    public static final String DISCONNECT = "$disconnect";
    /** A message whose route key is missing, unreadable or unknown. */
    public static final String DEFAULT = "$default";

    private RouteKeys() {
    }

    /** Checks a custom route key: non-empty, at most 128 characters, not starting with {@code $}. */
    static String requireCustom(String routeKey) {
        if (routeKey == null || routeKey.isEmpty() || routeKey.length() > 128) {
            throw new IllegalArgumentException("a route key must have 1..128 characters, got "
                    + (routeKey == null ? "null" : routeKey.length()));
        }
        if (routeKey.startsWith("$")) {
            throw new IllegalArgumentException("route key \"" + routeKey + "\" starts with \"$\", which is reserved for "
                    + CONNECT + ", " + DISCONNECT + " and " + DEFAULT);
        }
        return routeKey;
    }
}
