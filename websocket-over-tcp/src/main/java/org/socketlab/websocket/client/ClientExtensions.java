package org.socketlab.websocket.client;

import java.util.List;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.extension.DeflateNegotiation;
import org.socketlab.websocket.extension.DeflateParameters;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.handshake.ClientHandshakeResult;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpStatus;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * The client's side of extension negotiation: what {@link ClientOptions} offers, and the
 * connection built from what the server's 101 accepted (RFC 6455 §9.1). Today: permessage-deflate.
 */
final class ClientExtensions {

    private ClientExtensions() {
    }

    /** The {@code Sec-WebSocket-Extensions} elements to offer; empty when none is asked for. */
    static List<String> offers(ClientOptions options) {
        return options.permessageDeflate().map(config -> List.of(DeflateNegotiation.offer(config))).orElse(List.of());
    }

    /**
     * The client's protocol for the accepted extensions; a permessage-deflate response that does
     * not fit our offer fails the handshake (RFC 7692 §7.1: the client must fail the connection).
     */
    static WebSocketProtocol protocol(ClientOptions options, ClientHandshakeResult result, MaskKeySource keys,
                                      long nowNanos) throws HandshakeException {
        List<String> deflateResponses = result.extensions().stream()
                .filter(element -> element.trim().toLowerCase(java.util.Locale.ROOT).startsWith(DeflateNegotiation.NAME))
                .toList();
        if (deflateResponses.isEmpty() || options.permessageDeflate().isEmpty()) {
            return new WebSocketProtocol(Role.CLIENT, options.protocol(), keys, nowNanos);
        }
        if (deflateResponses.size() > 1) {
            throw new HandshakeException(HttpStatus.BAD_GATEWAY, "the server accepted permessage-deflate "
                    + deflateResponses.size() + " times " + deflateResponses + "; we offered it once (RFC 7692 §5)");
        }
        DeflateConfig offered = options.permessageDeflate().get();
        DeflateParameters agreed = DeflateNegotiation.acceptResponse(deflateResponses.get(0), offered);
        return new WebSocketProtocol(Role.CLIENT, options.protocol(), keys, nowNanos, agreed, offered);
    }
}
