package org.socketlab.websocket.sockjs;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.EndpointUpgrade;
import org.socketlab.websocket.server.HttpExchange;

/**
 * The answer to each SockJS 0.3.3 URL ("Static URLs", "Session URLs"): exact status codes,
 * content types and headers as the protocol's test suite checks them. Thread-safe.
 */
final class SockJsRoutes {

    private static final Logger LOG = System.getLogger(SockJsRoutes.class.getName());
    private static final SecureRandom ENTROPY = new SecureRandom();
    /** A JavaScript callback name: letters, digits, {@code _ - .}; nothing that could be script. */
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final String GREETING = "Welcome to SockJS!\n";

    private final String prefix;
    private final WebSocketHandler handler;
    private final SockJsOptions options;
    private final EndpointUpgrade upgrade;
    private final SessionRegistry registry;
    private final WebSocketTransport webSocketTransport;
    private final IframePage iframe;
    private final Runnable sessionOpened;

    SockJsRoutes(String prefix, WebSocketHandler handler, SockJsOptions options, EndpointUpgrade upgrade,
                 SessionRegistry registry, Runnable sessionOpened) {
        this.sessionOpened = sessionOpened;
        this.prefix = prefix;
        this.handler = handler;
        this.options = options;
        this.upgrade = upgrade;
        this.registry = registry;
        this.webSocketTransport = new WebSocketTransport(handler, registry, options.heartbeatInterval().toNanos(),
                sessionOpened);
        this.iframe = new IframePage(HtmlFilePage.iframe(options.clientLibraryUrl()));
    }

    void handle(HttpExchange exchange, Instant now) throws IOException, InterruptedException {
        HttpRequest request = exchange.request();
        SockJsPath path = SockJsPath.parse(prefix, request.path());
        switch (path.kind()) {
            case GREETING -> greeting(exchange);
            case INFO -> info(exchange, now);
            case IFRAME -> {
                if (requireMethod(exchange, "GET", "GET, HEAD")) {
                    exchange.respond(iframe.response(request, now));
                }
            }
            case RAW_WEBSOCKET -> webSocket(exchange, handler);
            case SESSION -> session(exchange, path, now);
            case NOT_FOUND -> exchange.respond(notFound());
        }
    }

    private void greeting(HttpExchange exchange) throws IOException {
        HttpRequest request = exchange.request();
        if (request.path().equals(prefix) && SockJsService.isUpgrade(request)) {
            if (options.webSocketEnabled()) {
                upgrade.upgrade(exchange, handler); // the endpoint's native WebSocket, as without SockJS
            } else {
                exchange.respond(notFound()); // WebSocket off: clients fall back to the HTTP transports
            }
            return;
        }
        if (requireMethod(exchange, "GET", "GET, HEAD")) {
            exchange.respond(HttpResponse.withBody(200, new HttpHeaders(), "text/plain; charset=UTF-8",
                    GREETING.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** {@code /info}: capabilities, and a round trip the client times. */
    private void info(HttpExchange exchange, Instant now) throws IOException {
        HttpRequest request = exchange.request();
        if (request.method().equals("OPTIONS")) {
            exchange.respond(SockJsService.emptyResponse(204, SockJsHeaders.preflight(request, "OPTIONS, GET", now)));
            return;
        }
        if (!requireMethod(exchange, "GET", "OPTIONS, GET")) {
            return;
        }
        long entropy = ENTROPY.nextInt() & 0xFFFF_FFFFL; // browsers lack a good random source (0 .. 2^32-1)
        String json = "{\"websocket\":" + options.webSocketEnabled() + ",\"origins\":[\"*:*\"],\"cookie_needed\":"
                + options.cookieNeeded() + ",\"entropy\":" + entropy + "}";
        HttpHeaders headers = SockJsHeaders.cors(request, SockJsHeaders.noCache(new HttpHeaders()));
        exchange.respond(HttpResponse.withBody(200, headers, "application/json; charset=UTF-8",
                json.getBytes(StandardCharsets.UTF_8)));
    }

    private void session(HttpExchange exchange, SockJsPath path, Instant now) throws IOException, InterruptedException {
        HttpRequest request = exchange.request();
        TransportKind transport = path.transport();
        if (transport == TransportKind.WEBSOCKET) {
            webSocket(exchange, webSocketTransport);
            return;
        }
        if (request.method().equals("OPTIONS") && transport.corsPreflight()) {
            exchange.respond(SockJsService.emptyResponse(204, SockJsHeaders.preflight(request, "OPTIONS, POST", now)));
            return;
        }
        String allow = transport.corsPreflight() ? "OPTIONS, " + transport.method() : transport.method();
        if (!requireMethod(exchange, transport.method(), allow)) {
            return;
        }
        if (!upgrade.allowsOrigin(request)) {
            // The endpoint's origin policy holds for its SockJS sessions too (RFC 6455 §10.2's reasoning).
            exchange.respond(HttpResponse.text(403, "this origin may not open sessions here\n"));
            return;
        }
        HttpHeaders headers = SockJsHeaders.noCache(new HttpHeaders());
        if (transport.corsPreflight()) {
            SockJsHeaders.cors(request, headers);
        }
        SockJsHeaders.cookie(request, headers, options.cookieNeeded());
        if (transport.role() == TransportKind.Role.SENDING) {
            new HttpSender(exchange, registry, transport, headers).serve(path.sessionId());
            return;
        }
        String callback = "";
        if (transport.needsCallback()) {
            List<String> values = request.queryParameters().getOrDefault("c", List.of());
            if (values.isEmpty() || values.get(0).isEmpty()) {
                exchange.respond(serverError("\"callback\" parameter required"));
                return;
            }
            callback = values.get(0);
            if (!CALLBACK.matcher(callback).matches()) {
                exchange.respond(serverError("invalid \"callback\" parameter"));
                return;
            }
        }
        HttpSession session = registry.find(path.sessionId());
        if (session == null) {
            Map<String, Object> attributes = new HashMap<>();
            try {
                upgrade.admit(request, exchange.remoteAddress(), attributes);
            } catch (HandshakeException refused) {
                LOG.log(Level.DEBUG, "SockJS session refused: {0} {1}", refused.status(), refused.getMessage());
                exchange.respond(refused.toResponse());
                return;
            }
            session = registry.findOrCreate(path.sessionId(), () -> newSession(path.sessionId(), exchange, attributes));
            sessionOpened.run(); // once the session is in the registry: the timers run while there are sessions
        }
        if (session == null) {
            exchange.respond(HttpResponse.text(503, "Too many SockJS sessions; try again later.\n"));
            return;
        }
        headers.set("Content-Type", transport.contentType());
        new HttpReceiver(exchange, session, transport, callback, headers, options.streamBytesLimit(),
                options.receiverListener()).serve();
    }

    private HttpSession newSession(String sessionId, HttpExchange exchange, Map<String, Object> attributes) {
        HttpSession session = new HttpSession(sessionId, registry, options, exchange.remoteAddress(), prefix, handler,
                System.nanoTime());
        session.attributes().putAll(attributes);
        return session;
    }

    /** {@code /websocket} (raw) and {@code /<server>/<session>/websocket} (SockJS framing). */
    private void webSocket(HttpExchange exchange, WebSocketHandler target) throws IOException {
        HttpRequest request = exchange.request();
        if (!options.webSocketEnabled()) {
            exchange.respond(notFound());
            return;
        }
        if (!requireMethod(exchange, "GET", "GET")) {
            return;
        }
        if (!SockJsService.isUpgrade(request)) {
            exchange.respond(badRequest("Can \"Upgrade\" only to \"WebSocket\"."));
            return;
        }
        if (!request.headers().containsToken("Connection", "Upgrade")) {
            exchange.respond(badRequest("\"Connection\" must be \"Upgrade\"."));
            return;
        }
        if (target == webSocketTransport && options.hixie76Enabled() && Hixie76Handshake.isHixie76(request)) {
            hixie76(exchange);
            return;
        }
        List<String> versions = request.headers().all("Sec-WebSocket-Version");
        if (versions.size() == 1 && (versions.get(0).equals("7") || versions.get(0).equals("8"))) {
            // hybi-07/08 (Firefox 6-10) frame exactly as RFC 6455 does; SockJS servers accept them.
            request.headers().set("Sec-WebSocket-Version", "13");
        }
        upgrade.upgrade(exchange, target);
    }

    /**
     * A hixie-76 client on the SockJS {@code websocket} transport: the endpoint's origin policy and
     * interceptors judge it as any session, then the connection is taken over from the front door
     * and runs here until it closes (see {@link Hixie76Connection}).
     */
    private void hixie76(HttpExchange exchange) throws IOException {
        HttpRequest request = exchange.request();
        Map<String, Object> attributes = new HashMap<>();
        Hixie76Handshake handshake;
        try {
            handshake = Hixie76Handshake.of(request);
            upgrade.admit(request, exchange.remoteAddress(), attributes);
        } catch (HandshakeException refused) {
            LOG.log(Level.DEBUG, "hixie-76 handshake refused: {0} {1}", refused.status(), refused.getMessage());
            exchange.respond(refused.toResponse());
            return;
        }
        new Hixie76Connection(exchange.takeOver(), request.path(), webSocketTransport, attributes).run(handshake);
    }

    private static boolean requireMethod(HttpExchange exchange, String method, String allow) throws IOException {
        String actual = exchange.request().method();
        if (actual.equals(method) || (actual.equals("HEAD") && method.equals("GET"))) {
            return true;
        }
        // RFC 9110 §15.5.6: 405 names the methods; SockJS wants no body and no content type.
        exchange.respond(SockJsService.emptyResponse(405, HttpHeaders.of("Allow", allow, "Content-Length", "0")));
        return false;
    }

    static HttpResponse notFound() {
        return HttpResponse.withBody(404, new HttpHeaders(), "text/plain; charset=UTF-8",
                "Not found\n".getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse serverError(String message) {
        LOG.log(Level.DEBUG, "SockJS 500: {0}", message);
        return HttpResponse.withBody(500, new HttpHeaders(), "text/plain; charset=UTF-8",
                message.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse badRequest(String message) {
        return HttpResponse.withBody(400, new HttpHeaders(), "text/plain; charset=UTF-8",
                message.getBytes(StandardCharsets.UTF_8));
    }
}
