package org.socketlab.websocket.handshake;

import java.util.List;

/**
 * Decides which of the client's offered extensions the server accepts (RFC 6455 §9.1).
 *
 * <p>Accepting an extension means the connection will use the RSV bits or payload transform it
 * defines; an endpoint that accepts none must fail any frame with a non-zero RSV bit
 * (RFC 6455 §5.2). The default {@link #none()} therefore keeps RSV bits forbidden.
 */
@FunctionalInterface
public interface ExtensionNegotiator {

    /**
     * @param offeredExtensions the client's extension offers in order, one element per
     *                          comma-separated entry of every {@code Sec-WebSocket-Extensions}
     *                          field, parameters included (e.g. {@code permessage-deflate; client_max_window_bits})
     * @return the extension values to put in the response, in the order they apply; empty for none
     * @throws HandshakeException to refuse the handshake (e.g. a malformed offer, status 400)
     */
    List<String> negotiate(List<String> offeredExtensions) throws HandshakeException;

    /** Accepts no extension (the default). */
    static ExtensionNegotiator none() {
        return offered -> List.of();
    }
}
