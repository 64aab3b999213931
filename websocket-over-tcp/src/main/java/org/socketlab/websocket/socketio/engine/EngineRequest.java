package org.socketlab.websocket.socketio.engine;

import java.util.List;
import java.util.Map;
import org.socketlab.websocket.http.HttpRequest;

/**
 * The Engine.IO query of a request: {@code ?EIO=4&transport=polling|websocket[&sid=…]}.
 *
 * @param transport "polling" or "websocket"
 * @param sid       the session id, or null for a handshake
 * @param eio       the {@code EIO} parameter as sent, or null
 */
record EngineRequest(String transport, String sid, String eio) {

    static final String POLLING = "polling";
    static final String WEBSOCKET = "websocket";

    /**
     * Reads the query, checking the transport name first, as the reference server does
     * (400 code 0 "Transport unknown"); the protocol version is checked on a handshake only
     * ({@link #requireVersion4()}).
     */
    static EngineRequest from(HttpRequest request) throws RejectedRequest {
        Map<String, List<String>> query = request.queryParameters();
        String transport = single(query, "transport");
        if (!POLLING.equals(transport) && !WEBSOCKET.equals(transport)) {
            throw new RejectedRequest(EngineError.TRANSPORT_UNKNOWN,
                    "transport is " + (transport == null ? "missing" : "\"" + transport + "\"")
                            + "; it must be polling or websocket");
        }
        String sid = single(query, "sid");
        return new EngineRequest(transport, sid == null || sid.isEmpty() ? null : sid, single(query, "EIO"));
    }

    /** A handshake must say {@code EIO=4} (400 code 5 "Unsupported protocol version" otherwise). */
    void requireVersion4() throws RejectedRequest {
        if (!"4".equals(eio)) {
            throw new RejectedRequest(EngineError.UNSUPPORTED_PROTOCOL_VERSION,
                    "EIO is " + (eio == null ? "missing" : "\"" + eio + "\"") + "; this server speaks Engine.IO v4 only");
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
