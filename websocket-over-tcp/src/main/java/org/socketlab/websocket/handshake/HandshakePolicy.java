package org.socketlab.websocket.handshake;

import java.util.List;
import java.util.Objects;

/**
 * What a server accepts during the opening handshake.
 *
 * @param origins      which browser origins may connect (RFC 6455 §4.2.2 /origin/, §10.2)
 * @param subprotocols the subprotocols this server speaks; the one chosen is the first of the
 *                     <em>client's</em> list that appears here (RFC 6455 §4.2.2 /subprotocol/ leaves the choice to us)
 * @param extensions   the extension negotiation hook
 */
public record HandshakePolicy(OriginPolicy origins, List<String> subprotocols, ExtensionNegotiator extensions) {

    public HandshakePolicy {
        Objects.requireNonNull(origins, "origins");
        Objects.requireNonNull(extensions, "extensions");
        subprotocols = List.copyOf(subprotocols);
        for (String subprotocol : subprotocols) {
            if (!WebSocketHeaders.isToken(subprotocol)) {
                throw new IllegalArgumentException("a subprotocol must be a token (RFC 6455 §4.1 and §11.3.4), got \""
                        + subprotocol + "\"");
            }
        }
    }

    /**
     * Safe defaults: an empty origin allow-list (browsers are refused until you list their origin;
     * clients that send no Origin, like command-line tools, are accepted), no subprotocol, no extension.
     */
    public static HandshakePolicy defaults() {
        return new HandshakePolicy(OriginPolicy.allowList(List.of()), List.of(), ExtensionNegotiator.none());
    }

    public HandshakePolicy withOrigins(OriginPolicy value) {
        return new HandshakePolicy(value, subprotocols, extensions);
    }

    public HandshakePolicy withSubprotocols(List<String> value) {
        return new HandshakePolicy(origins, value, extensions);
    }

    public HandshakePolicy withExtensions(ExtensionNegotiator value) {
        return new HandshakePolicy(origins, subprotocols, value);
    }
}
