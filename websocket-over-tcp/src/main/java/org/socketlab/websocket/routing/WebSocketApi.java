package org.socketlab.websocket.routing;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.socketlab.websocket.server.Endpoint;
import org.socketlab.websocket.server.FrontDoor;
import org.socketlab.websocket.server.WebSocketServer;

/**
 * An API Gateway-style WebSocket API on our own server: routes ({@code $connect},
 * {@code $disconnect}, {@code $default} and custom keys chosen by a route selection expression)
 * plus the {@code @connections} management API.
 *
 * <pre>{@code
 * WebSocketApi api = WebSocketApi.builder()
 *         .routeSelectionExpression("$request.body.action")
 *         .onConnect(request -> { if (request.queryParameter("token").isEmpty())
 *                                     throw ConnectRouteRefusedException.unauthorized("token required"); })
 *         .route("sendmessage", context -> context.connections().broadcast(context.text()))
 *         .defaultRoute(context -> context.reply("{\"error\":\"unknown action\"}"))
 *         .onDisconnect((id, code, reason, connections) -> log(id + " left"))
 *         .apiKey(System.getenv("API_KEY"))
 *         .build();
 * WebSocketServer server = api.install(WebSocketServer.builder().port(8080), "/").start();
 * api.connections().post(connectionId, "{\"notice\":\"hello\"}");
 * }</pre>
 *
 * <p>Immutable once built and thread-safe. One API serves one endpoint path.
 */
public final class WebSocketApi {

    private final RoutingHandler handler;
    private final ConnectionManager connections;
    private final Optional<ConnectionsApi> connectionsApi;

    private WebSocketApi(Builder builder) {
        this.connections = new ConnectionManager(builder.clock, builder.maxPendingBytes, builder.directory);
        builder.directory.attach(connections);
        Router router = new Router(RouteSelectionExpression.parse(builder.expression), builder.routes,
                Optional.ofNullable(builder.defaultRoute));
        this.handler = new RoutingHandler(router, builder.onConnect, builder.onDisconnect, connections);
        this.connectionsApi = Optional.ofNullable(builder.apiKey)
                .map(key -> new ConnectionsApi(connections, key, builder.apiKeyHeader, builder.maxPostBytes));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The connections, for a backend in the same JVM (the Java form of {@code @connections}). */
    public ConnectionManager connections() {
        return connections;
    }

    /** The WebSocket endpoint at {@code path}: $connect as its interceptor, routes as its handler. */
    public Endpoint endpoint(String path) {
        return Endpoint.at(path, handler).interceptor(handler);
    }

    /** The HTTP management API; empty when no API key was configured (then it is not served). */
    public Optional<ConnectionsApi> connectionsApi() {
        return connectionsApi;
    }

    /**
     * Adds {@link #endpoint(String)} and, with an API key, {@code @connections} to the server.
     * {@code @connections} becomes the server's {@code httpFallback}, replacing one set before;
     * other paths get 404.
     */
    public WebSocketServer.Builder install(WebSocketServer.Builder server, String path) {
        server.endpoint(endpoint(path));
        connectionsApi.ifPresent(server::httpFallback);
        return server;
    }

    /**
     * Mounts the API on a shared front door: the WebSocket endpoint at {@code path} and, with an
     * API key, {@code @connections} under {@code /@connections/} on persistent connections.
     */
    public FrontDoor.Builder mount(FrontDoor.Builder door, String path) {
        door.endpoint(endpoint(path));
        connectionsApi.ifPresent(api -> {
            door.prefix(ConnectionsApi.PATH_PREFIX, api::handle);
            door.prefix(ConnectionsApi.ENCODED_PREFIX, api::handle);
        });
        return door;
    }

    /** Not thread-safe. Defaults: {@code $request.body.action}, accept every connection, no routes. */
    public static final class Builder {
        private String expression = "$request.body.action";
        private ConnectHandler onConnect = ConnectHandler.acceptAll();
        private DisconnectHandler onDisconnect = DisconnectHandler.ignore();
        private final Map<String, RouteHandler> routes = new LinkedHashMap<>();
        private RouteHandler defaultRoute;
        private String apiKey;
        private String apiKeyHeader = "x-api-key";
        private int maxPostBytes = 128 * 1024;
        private Clock clock = Clock.systemUTC();
        private long maxPendingBytes = ConnectionManager.DEFAULT_MAX_PENDING_BYTES;
        private ConnectionDirectory directory = ConnectionDirectory.NONE;

        private Builder() {
        }

        /** E.g. {@code $request.body.action} or {@code $request.body.meta.type}; checked at {@link #build()}. */
        public Builder routeSelectionExpression(String expression) {
            this.expression = Objects.requireNonNull(expression, "expression");
            return this;
        }

        public Builder onConnect(ConnectHandler handler) {
            this.onConnect = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public Builder onDisconnect(DisconnectHandler handler) {
            this.onDisconnect = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** A custom route; keys are case-sensitive and must not start with {@code $}. */
        public Builder route(String routeKey, RouteHandler handler) {
            RouteKeys.requireCustom(routeKey);
            if (routes.putIfAbsent(routeKey, Objects.requireNonNull(handler, "handler")) != null) {
                throw new IllegalArgumentException("route \"" + routeKey + "\" is already registered");
            }
            return this;
        }

        /** The {@code $default} route. Without one, unmatched messages get {@code {"message":"Forbidden",...}}. */
        public Builder defaultRoute(RouteHandler handler) {
            this.defaultRoute = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Serves {@code @connections} to callers presenting this key. Without a key it is not served. */
        public Builder apiKey(String key) {
            Objects.requireNonNull(key, "key");
            if (key.length() < 16) {
                throw new IllegalArgumentException("an API key must have at least 16 characters, got " + key.length());
            }
            this.apiKey = key;
            return this;
        }

        /** The header carrying the API key; {@code x-api-key} by default (API Gateway's). */
        public Builder apiKeyHeader(String name) {
            this.apiKeyHeader = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The largest POST body; 128 KiB by default (API Gateway's message limit); larger → 413. */
        public Builder maxPostBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxPostBytes must be at least 1, got " + bytes);
            }
            this.maxPostBytes = bytes;
            return this;
        }

        /**
         * Bytes posted to one connection (broadcasts, route responses, {@code @connections}) and not
         * yet written to its socket; a connection whose backlog would pass this is closed with 1013
         * as a slow consumer. 1 MiB by default.
         */
        public Builder maxPendingBytesPerConnection(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxPendingBytesPerConnection must be at least 1, got " + bytes);
            }
            this.maxPendingBytes = bytes;
            return this;
        }

        /** The clock behind connectedAt/lastActiveAt (tests fix it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The other server processes' connections (scale-out): with one, {@code @connections} and
         * {@link ConnectionManager#broadcast} reach connections held by any process. One directory
         * serves one API. {@link ConnectionDirectory#NONE} by default.
         */
        public Builder directory(ConnectionDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public WebSocketApi build() {
            return new WebSocketApi(this);
        }
    }
}
