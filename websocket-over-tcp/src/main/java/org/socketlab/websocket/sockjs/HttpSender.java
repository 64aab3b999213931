package org.socketlab.websocket.sockjs;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.QueryString;
import org.socketlab.websocket.server.HttpExchange;

/**
 * One sending request ({@code xhr_send}, {@code jsonp_send}): the client's messages for an
 * open session, delivered in order. An unknown (or closed) session is 404; an empty payload is
 * 500 "Payload expected."; anything but a JSON array of strings is 500 "Broken JSON encoding."
 * ({@code jsonp_send} also takes the array form-encoded as {@code d=}).
 */
final class HttpSender {

    private static final Logger LOG = System.getLogger(HttpSender.class.getName());

    private final HttpExchange exchange;
    private final SessionRegistry registry;
    private final TransportKind transport;
    private final HttpHeaders headers;

    HttpSender(HttpExchange exchange, SessionRegistry registry, TransportKind transport, HttpHeaders headers) {
        this.exchange = exchange;
        this.registry = registry;
        this.transport = transport;
        this.headers = headers;
    }

    void serve(String sessionId) throws IOException {
        HttpSession session = registry.find(sessionId);
        if (session == null || !session.isOpen()) {
            exchange.respond(SockJsRoutes.notFound());
            return;
        }
        List<String> messages;
        try {
            messages = SockJsJson.decodeMessages(payload(exchange.request()), false);
        } catch (SockJsPayloadException e) {
            LOG.log(Level.DEBUG, "{0} from {1}: {2}", transport.urlName(), exchange.remoteAddress(), e.detail());
            exchange.respond(SockJsRoutes.serverError(e.getMessage()));
            return;
        }
        session.deliver(messages);
        if (transport == TransportKind.XHR_SEND) {
            // 204, yet text/plain: Firefox otherwise parses the empty body as XML and complains.
            headers.set("Content-Type", transport.contentType());
            exchange.respond(SockJsService.emptyResponse(204, headers));
        } else {
            // Konqueror mishandles 204, so jsonp_send answers "ok".
            exchange.respond(HttpResponse.withBody(200, headers, transport.contentType(),
                    "ok".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private String payload(HttpRequest request) {
        String body = request.bodyText();
        boolean form = request.headers().first("Content-Type")
                .map(type -> type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                .orElse(false);
        if (transport == TransportKind.JSONP_SEND && form) {
            List<String> values = QueryString.parse(body).getOrDefault("d", List.of());
            return values.isEmpty() ? "" : values.get(0);
        }
        return body;
    }
}
