package org.socketlab.websocket.server;

import java.util.List;
import org.socketlab.websocket.handshake.ExtensionNegotiator;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.handshake.ServerHandshake;

/** An endpoint with the server-wide defaults filled in and its handshake ready. Immutable. */
record ResolvedEndpoint(Endpoint endpoint, ServerHandshake handshake) {

    static ResolvedEndpoint of(Endpoint endpoint, List<String> defaultOrigins, List<String> defaultSubprotocols) {
        List<String> origins = endpoint.allowedOrigins().orElse(defaultOrigins);
        List<String> subprotocols = endpoint.subprotocols().orElse(defaultSubprotocols);
        OriginPolicy originPolicy = origins.isEmpty() ? OriginPolicy.allowAny() : OriginPolicy.allowList(origins);
        // No extension is negotiated (RFC 6455 §9): permessage-deflate is out of scope, so an
        // offer is simply not accepted and the connection proceeds without it.
        HandshakePolicy policy = new HandshakePolicy(originPolicy, subprotocols, ExtensionNegotiator.none());
        return new ResolvedEndpoint(endpoint, new ServerHandshake(policy));
    }
}
