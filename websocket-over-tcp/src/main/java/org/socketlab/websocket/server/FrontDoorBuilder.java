package org.socketlab.websocket.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpStatus;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.sockjs.SockJsClientLibrary;
import org.socketlab.websocket.sockjs.SockJsService;

/**
 * The settings and route registrations of a {@link FrontDoor} before it starts; what
 * {@link FrontDoor.Builder} is made of (its methods return the {@code FrontDoor.Builder}, so
 * registrations chain). Loopback, port 0, {@link ServerConfig#defaults()} unless told.
 *
 * <p>Not thread-safe: one thread builds, then {@link FrontDoor.Builder#start()}.
 *
 * @param <B> the builder type the methods return ({@link FrontDoor.Builder})
 */
abstract sealed class FrontDoorBuilder<B extends FrontDoorBuilder<B>> permits FrontDoor.Builder {
    InetAddress host = InetAddress.getLoopbackAddress();
    int port;
    int backlog = 128;
    ConnectionThreads connectionThreads = ConnectionThreads.configuredDefault();
    ServerConfig config = ServerConfig.defaults();
    SSLContext sslContext;
    HttpHandler fallback;
    boolean closeAfterEachResponse;
    Optional<List<String>> allowedOrigins = Optional.of(List.of());
    List<String> subprotocols = List.of();
    Optional<DeflateConfig> permessageDeflate = Optional.empty();
    private final List<RouteTable.Route> routes = new ArrayList<>();
    private final List<WebSocketRegistration> webSockets = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    /** What the front door closes when it stops (the SockJS services of endpoints with withSockJS()). */
    final List<AutoCloseable> closeOnStop = new ArrayList<>();

    FrontDoorBuilder() {
    }

    public B host(String name) throws IOException {
        this.host = InetAddress.getByName(name);
        return self();
    }

    public B host(InetAddress value) {
        this.host = Objects.requireNonNull(value, "host");
        return self();
    }

    public B port(int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + value);
        }
        this.port = value;
        return self();
    }

    public B backlog(int value) {
        this.backlog = value;
        return self();
    }

    public B connectionThreads(ConnectionThreads threads) {
        this.connectionThreads = Objects.requireNonNull(threads, "threads");
        return self();
    }

    /** Serve https:// and wss:// with this context. */
    public B tls(SSLContext context) {
        this.sslContext = Objects.requireNonNull(context, "context");
        return self();
    }

    public B config(ServerConfig value) {
        this.config = Objects.requireNonNull(value, "config");
        return self();
    }

    /** {@code .configure(c -> c.withMaxConnections(100))}. */
    public B configure(UnaryOperator<ServerConfig> change) {
        this.config = Objects.requireNonNull(change.apply(config), "configuration");
        return self();
    }

    public ServerConfig currentConfig() {
        return config;
    }

    /** Default origins of WebSocket endpoints that name none (empty: browsers refused). */
    public B allowedOrigins(String... origins) {
        this.allowedOrigins = Optional.of(List.of(origins));
        return self();
    }

    /** WebSocket endpoints that name no origins accept any (public data only, RFC 6455 §10.2). */
    public B allowAnyOrigin() {
        this.allowedOrigins = Optional.empty();
        return self();
    }

    /** Default subprotocols of WebSocket endpoints that name none. */
    public B subprotocols(String... names) {
        this.subprotocols = List.of(names);
        return self();
    }

    /** permessage-deflate (RFC 7692) accepted on WebSocket endpoints that do not set their own; off by default. */
    public B permessageDeflate(DeflateConfig config) {
        this.permessageDeflate = Optional.of(Objects.requireNonNull(config, "config"));
        return self();
    }

    /** A WebSocket endpoint; configure it on the returned registration. */
    public WebSocketRegistration addHandler(WebSocketHandler handler, String path) {
        WebSocketRegistration registration = new WebSocketRegistration(path, handler);
        webSockets.add(registration);
        return registration;
    }

    /** A WebSocket endpoint described by an {@link Endpoint}. */
    public B endpoint(Endpoint endpoint) {
        endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
        return self();
    }

    /** A plain GET (and HEAD) route at exactly {@code path}. */
    public B get(String path, HttpHandler handler) {
        return route(path, handler, "GET");
    }

    /** A plain route at exactly {@code path} for {@code methods}; others get 405 with Allow. */
    public B route(String path, HttpHandler handler, String... methods) {
        Objects.requireNonNull(handler, "handler");
        return exchangeRoute(path, false, Set.of(methods), exchange -> FrontDoor.servePlain(exchange, handler));
    }

    /** A plain handler for every path under {@code prefix} (a JSON API such as {@code /@connections/}). */
    public B prefix(String prefix, HttpHandler handler, String... methods) {
        Objects.requireNonNull(handler, "handler");
        return exchangeRoute(prefix, true, Set.of(methods), exchange -> FrontDoor.servePlain(exchange, handler));
    }

    /** Static files under {@code prefix} (GET and HEAD), e.g. {@code StaticFiles}. */
    public B staticFiles(String prefix, HttpHandler files) {
        return prefix(prefix, files, "GET");
    }

    /** A held response at exactly {@code path} (GET): long poll, stream, SSE. */
    public B held(String path, ExchangeHandler handler) {
        return exchangeRoute(path, false, Set.of("GET"), handler);
    }

    /** A whole server under {@code prefix}, every method (Engine.IO, Socket.IO, the ticker). */
    public B mount(String prefix, ExchangeHandler handler) {
        routes.add(FrontDoor.mountRoute(prefix, handler));
        return self();
    }

    /** Answers every request no route matches (otherwise 404). */
    public B fallback(HttpHandler handler) {
        this.fallback = Objects.requireNonNull(handler, "handler");
        return self();
    }

    /** One request per connection (what {@link WebSocketServer} has always done for plain requests). */
    B closeAfterEachResponse() {
        this.closeAfterEachResponse = true;
        return self();
    }

    private B exchangeRoute(String path, boolean prefix, Set<String> methods, ExchangeHandler handler) {
        FrontDoor.requirePath(path);
        routes.add(new RouteTable.Route(path, prefix, methods, false, Objects.requireNonNull(handler, "handler")));
        return self();
    }

    List<RouteTable.Route> resolveRoutes() {
        List<RouteTable.Route> all = new ArrayList<>(routes);
        boolean sockJs = false;
        for (WebSocketRegistration registration : webSockets) {
            WebSocketUpgrade.Plan plan = plan(registration.endpoint(), registration.protocol(config.protocol()));
            if (registration.sockJs().isPresent()) {
                all.addAll(sockJsRoutes(registration, plan));
                sockJs = true;
            } else {
                all.add(webSocketRoute(registration.endpoint(), plan));
            }
        }
        if (sockJs && all.stream().noneMatch(route -> !route.prefix() && route.path().equals(SockJsClientLibrary.PATH))) {
            all.add(new RouteTable.Route(SockJsClientLibrary.PATH, false, Set.of("GET"), false,
                    exchange -> FrontDoor.servePlain(exchange, SockJsClientLibrary::handle)));
        }
        for (Endpoint endpoint : endpoints) {
            all.add(webSocketRoute(endpoint, plan(endpoint, Optional.empty())));
        }
        return all;
    }

    private WebSocketUpgrade.Plan plan(Endpoint endpoint, Optional<ProtocolConfig> protocol) {
        ResolvedEndpoint resolved = ResolvedEndpoint.of(endpoint, allowedOrigins, subprotocols, permessageDeflate);
        return new WebSocketUpgrade.Plan(resolved.handshake(), endpoint.interceptor(), protocol, 0, endpoint.handler());
    }

    private static RouteTable.Route webSocketRoute(Endpoint endpoint, WebSocketUpgrade.Plan plan) {
        return new RouteTable.Route(endpoint.path(), false, Set.of(), true,
                exchange -> WebSocketUpgrade.open(exchange, plan));
    }

    /** SockJS at the endpoint's path and under it; every WebSocket (native or SockJS) goes through the endpoint's plan. */
    private List<RouteTable.Route> sockJsRoutes(WebSocketRegistration registration, WebSocketUpgrade.Plan plan) {
        EndpointUpgrade upgrade = new EndpointUpgrade() {
            @Override
            public boolean upgrade(HttpExchange exchange, WebSocketHandler handler) throws IOException {
                return WebSocketUpgrade.open(exchange, new WebSocketUpgrade.Plan(plan.handshake(), plan.interceptor(),
                        plan.protocol(), plan.maxBufferedBytes(), handler));
            }

            @Override
            public void admit(HttpRequest request, InetSocketAddress remote, Map<String, Object> attributes)
                    throws HandshakeException {
                if (!allowsOrigin(request)) {
                    throw new HandshakeException(HttpStatus.FORBIDDEN, "this origin is not allowed by the endpoint's "
                            + "origin policy (RFC 6455 §10.2)");
                }
                plan.interceptor().beforeUpgrade(request, remote, attributes);
            }

            @Override
            public boolean allowsOrigin(HttpRequest request) {
                return plan.handshake().policy().origins().allows(request.headers().first("Origin"));
            }
        };
        String path = registration.path().endsWith("/") && registration.path().length() > 1
                ? registration.path().substring(0, registration.path().length() - 1) : registration.path();
        SockJsService service = SockJsService.create(path, registration.handler(), registration.sockJs().get().options(),
                upgrade);
        closeOnStop.add(service);
        return List.of(new RouteTable.Route(path, false, Set.of(), false, service),
                new RouteTable.Route(path.equals("/") ? "/" : path + "/", true, Set.of(), false, service));
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
