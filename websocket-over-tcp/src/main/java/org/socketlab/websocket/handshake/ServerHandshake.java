package org.socketlab.websocket.handshake;

import java.util.Objects;
import org.socketlab.websocket.http.HandshakeException;
import org.socketlab.websocket.http.HttpRequest;

/** Server side of the opening handshake (RFC 6455 §4.2) — work in progress. */
public final class ServerHandshake {

    private final HandshakePolicy policy;

    public ServerHandshake(HandshakePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public HandshakeAccepted accept(HttpRequest request) throws HandshakeException {
        throw new UnsupportedOperationException("not yet implemented; policy " + policy);
    }
}
