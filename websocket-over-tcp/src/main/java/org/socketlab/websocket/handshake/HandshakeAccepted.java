package org.socketlab.websocket.handshake;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.socketlab.websocket.http.HttpResponse;

/**
 * A successful server-side handshake.
 *
 * @param response    the 101 Switching Protocols response to write before any frame
 * @param subprotocol the subprotocol chosen, if any
 * @param extensions  the extensions accepted, in the order they apply
 */
public record HandshakeAccepted(HttpResponse response, Optional<String> subprotocol, List<String> extensions) {

    public HandshakeAccepted {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(subprotocol, "subprotocol");
        extensions = List.copyOf(extensions);
    }
}
