package org.socketlab.websocket.socketio.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
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
 *   <li>{@code POST} with sid — a payload from the client, answered with {@code ok};</li>
 *   <li>{@code OPTIONS} — a CORS preflight from an allowed origin.</li>
 * </ul>
 * {@link #handle} is the whole decision for one parsed request: the transport that read it
 * writes the returned response. Errors are the reference server's (see {@link EngineError}).
 */
final class PollingEndpoint {

    private static final Logger LOG = System.getLogger(PollingEndpoint.class.getName());

    private final EngineServer server;

    PollingEndpoint(EngineServer server) {
        this.server = server;
    }

    /**
     * The response to one polling request.
     *
     * @param remote the client's address (for the handshake rate cap), or null if unknown
     */
    HttpResponse handle(HttpRequest request, InetAddress remote) {
        EngineCors cors = server.cors();
        HttpResponse response;
        try {
            cors.check(request);
            response = request.method().equals("OPTIONS") ? cors.preflight(request) : answer(request, remote);
        } catch (RejectedRequest rejected) {
            LOG.log(Level.DEBUG, "{0} {1} from {2}: {3}", request.method(), request.path(), remote, rejected.getMessage());
            response = rejected.response();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = EngineError.BAD_REQUEST.toResponse();
        }
        return cors.decorate(request, response);
    }

    private HttpResponse answer(HttpRequest request, InetAddress remote) throws RejectedRequest, InterruptedException {
        EngineRequest query = EngineRequest.from(request);
        if (query.sid() == null) {
            return handshake(request, query, remote);
        }
        EngineSession session = server.find(query.sid());
        if (session == null) {
            throw new RejectedRequest(EngineError.UNKNOWN_SID, "no session " + query.sid());
        }
        if (!query.transport().equals(EngineRequest.POLLING)) {
            throw new RejectedRequest(EngineError.BAD_REQUEST, "transport=websocket needs an Upgrade: websocket request");
        }
        return switch (request.method()) {
            case "GET" -> payload(session.poll(maxPollNanos()));
            case "POST" -> {
                session.receivePayload(new String(request.body(), StandardCharsets.UTF_8));
                yield HttpResponse.withBody(200, noCache(), "text/html", "ok".getBytes(StandardCharsets.UTF_8));
            }
            default -> throw new RejectedRequest(EngineError.BAD_REQUEST, "method " + request.method() + " is not GET or POST");
        };
    }

    /** Engine.IO v4 "Handshake": GET only, {@code EIO=4}, polling; then the caps decide. */
    private HttpResponse handshake(HttpRequest request, EngineRequest query, InetAddress remote)
            throws RejectedRequest, InterruptedException {
        if (!request.method().equals("GET")) {
            throw new RejectedRequest(EngineError.BAD_HANDSHAKE_METHOD, "a handshake is a GET, not " + request.method());
        }
        if (!query.transport().equals(EngineRequest.POLLING)) {
            throw new RejectedRequest(EngineError.BAD_REQUEST, "transport=websocket needs an Upgrade: websocket request");
        }
        query.requireVersion4();
        server.admit(remote);
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
