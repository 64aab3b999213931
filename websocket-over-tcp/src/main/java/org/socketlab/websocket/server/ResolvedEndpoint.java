package org.socketlab.websocket.server;

import java.util.List;
import java.util.Optional;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.extension.DeflateNegotiation;
import org.socketlab.websocket.handshake.ExtensionNegotiator;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.handshake.ServerHandshake;

/** An endpoint with the server-wide defaults filled in and its handshake ready. Immutable. */
record ResolvedEndpoint(Endpoint endpoint, ServerHandshake handshake) {

    /**
     * @param defaultOrigins the server-wide allow-list, used when the endpoint names none;
     *                       {@link Optional#empty()} means the server opted into any origin
     */
    static ResolvedEndpoint of(Endpoint endpoint, Optional<List<String>> defaultOrigins, List<String> defaultSubprotocols) {
        return of(endpoint, defaultOrigins, defaultSubprotocols, Optional.empty());
    }

    /** @param defaultDeflate the server-wide permessage-deflate settings, for endpoints that have none */
    static ResolvedEndpoint of(Endpoint endpoint, Optional<List<String>> defaultOrigins, List<String> defaultSubprotocols,
                               Optional<DeflateConfig> defaultDeflate) {
        Optional<List<String>> origins = endpoint.allowedOrigins().isPresent() || endpoint.allowsAnyOrigin()
                ? endpoint.allowedOrigins() : defaultOrigins;
        List<String> subprotocols = endpoint.subprotocols().orElse(defaultSubprotocols);
        // RFC 6455 §10.2: an allow-list by default, so a browser page from an origin nobody listed
        // gets 403 (Cross-Site WebSocket Hijacking); clients that send no Origin are still served.
        OriginPolicy originPolicy = origins.map(OriginPolicy::allowList).orElseGet(OriginPolicy::allowAny);
        // RFC 6455 §9: an extension is used only if the endpoint opted in; otherwise an offer is
        // simply not accepted and the connection proceeds without it (RSV bits stay forbidden).
        ExtensionNegotiator extensions = endpoint.permessageDeflate().or(() -> defaultDeflate)
                .<ExtensionNegotiator>map(DeflateNegotiation::serverNegotiator)
                .orElseGet(ExtensionNegotiator::none);
        HandshakePolicy policy = new HandshakePolicy(originPolicy, subprotocols, extensions);
        return new ResolvedEndpoint(endpoint, new ServerHandshake(policy));
    }
}
