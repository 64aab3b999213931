package org.socketlab.websocket.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * The HTTP long-polling transport (Engine.IO v4, "Transports: HTTP long-polling"):
 * <ul>
 *   <li>{@code GET} without sid — handshake: a new session, answered with its open packet;</li>
 *   <li>{@code GET} with sid — held until the server has packets (the heartbeat guarantees one
 *       every pingInterval), answered with a payload;</li>
 *   <li>{@code POST} with sid — a payload from the client, answered with {@code ok}.</li>
 * </ul>
 */
final class PollingEndpoint {

    private final EngineServer server;

    PollingEndpoint(EngineServer server) {
        this.server = server;
    }

    HttpResponse handle(HttpRequest request) {
        try {
            EngineRequest query = EngineRequest.from(request);
            if (!query.transport().equals(EngineRequest.POLLING)) {
                throw new RejectedRequest(EngineError.BAD_REQUEST, "transport=websocket needs an Upgrade: websocket request");
            }
            if (query.sid() == null) {
                return handshake(request);
            }
            EngineSession session = server.find(query.sid());
            if (session == null) {
                throw new RejectedRequest(EngineError.UNKNOWN_SID, "no session " + query.sid());
            }
            return switch (request.method()) {
                case "GET" -> payload(session.poll(maxPollNanos()));
                case "POST" -> {
                    session.receivePayload(new String(request.body(), StandardCharsets.UTF_8));
                    yield HttpResponse.withBody(200, noCache(), "text/html", "ok".getBytes(StandardCharsets.UTF_8));
                }
                default -> throw new RejectedRequest(EngineError.BAD_REQUEST, "method " + request.method() + " is not GET or POST");
            };
        } catch (RejectedRequest rejected) {
            return rejected.error().toResponse();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EngineError.BAD_REQUEST.toResponse();
        }
    }

    private HttpResponse handshake(HttpRequest request) throws RejectedRequest, InterruptedException {
        if (!request.method().equals("GET")) {
            throw new RejectedRequest(EngineError.BAD_HANDSHAKE_METHOD, "a handshake is a GET, not " + request.method());
        }
        EngineSession session = server.open(null);
        return payload(session.poll(0));
    }

    /** A GET is held at most one heartbeat round; the ping normally ends it much sooner. */
    private long maxPollNanos() {
        return server.config().pingInterval().plus(server.config().pingTimeout()).toNanos();
    }

    private static HttpResponse payload(List<EnginePacket> packets) {
        return HttpResponse.withBody(200, noCache(), "text/plain; charset=UTF-8", EngineCodec.payloadBytes(packets));
    }

    private static HttpHeaders noCache() {
        return new HttpHeaders().add("Cache-Control", "no-store");
    }
}
