package org.socketlab.websocket.handshake;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server agreed to in its 101 response.
 *
 * @param subprotocol the subprotocol the server selected, if any (one of those we offered)
 * @param extensions  the extensions the server accepted (only ones we offered)
 */
public record ClientHandshakeResult(Optional<String> subprotocol, List<String> extensions) {

    public ClientHandshakeResult {
        Objects.requireNonNull(subprotocol, "subprotocol");
        extensions = List.copyOf(extensions);
    }
}
