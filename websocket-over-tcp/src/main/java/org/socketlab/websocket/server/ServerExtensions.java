package org.socketlab.websocket.server;

import java.util.Optional;
import org.socketlab.websocket.extension.DeflateNegotiation;
import org.socketlab.websocket.extension.DeflateParameters;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.handshake.HandshakeAccepted;
import org.socketlab.websocket.handshake.ServerHandshake;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * Builds the server side of a connection with the extensions its handshake accepted: today
 * permessage-deflate (RFC 7692), when the endpoint's policy negotiates it and the 101 response
 * carries it. Without an accepted extension the connection is the plain one.
 */
final class ServerExtensions {

    private ServerExtensions() {
    }

    static WebSocketProtocol protocol(ServerHandshake handshake, HandshakeAccepted accepted, ProtocolConfig config,
                                      MaskKeySource keys, long nowNanos) {
        if (handshake.policy().extensions() instanceof DeflateNegotiation.Negotiator deflate) {
            Optional<DeflateParameters> agreed = accepted.extensions().stream()
                    .map(DeflateNegotiation::agreed)
                    .flatMap(Optional::stream)
                    .findFirst();
            if (agreed.isPresent()) {
                return new WebSocketProtocol(Role.SERVER, config, keys, nowNanos, agreed.get(), deflate.config());
            }
        }
        return new WebSocketProtocol(Role.SERVER, config, keys, nowNanos);
    }
}
