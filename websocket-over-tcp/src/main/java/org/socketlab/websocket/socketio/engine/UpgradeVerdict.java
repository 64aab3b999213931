package org.socketlab.websocket.socketio.engine;

import org.socketlab.websocket.http.HttpResponse;

/**
 * The Engine.IO decision on a WebSocket upgrade request, taken before the RFC 6455 handshake
 * (see {@link WebSocketEndpoint#verdict}).
 */
sealed interface UpgradeVerdict {

    /** Answer with this HTTP response instead of 101 (bad query, unknown sid, Origin, caps). */
    record Refuse(HttpResponse response) implements UpgradeVerdict {
    }

    /** No sid: the WebSocket opens a new session (room for it is already reserved). */
    record OpenSession() implements UpgradeVerdict {
    }

    /** The sid names a polling session that may upgrade: the WebSocket becomes its probe. */
    record Probe(EngineSession session) implements UpgradeVerdict {
    }

    /**
     * The sid names a session that is already upgrading or upgraded: like the reference server,
     * accept the WebSocket (101) and close it at once; the session itself is left alone.
     */
    record AcceptThenClose(String why) implements UpgradeVerdict {
    }
}
