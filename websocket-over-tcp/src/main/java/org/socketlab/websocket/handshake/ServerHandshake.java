package org.socketlab.websocket.handshake;

import static org.socketlab.websocket.handshake.WebSocketHeaders.ACCEPT;
import static org.socketlab.websocket.handshake.WebSocketHeaders.CONNECTION;
import static org.socketlab.websocket.handshake.WebSocketHeaders.EXTENSIONS;
import static org.socketlab.websocket.handshake.WebSocketHeaders.PROTOCOL;
import static org.socketlab.websocket.handshake.WebSocketHeaders.UPGRADE;
import static org.socketlab.websocket.handshake.WebSocketHeaders.WEBSOCKET;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpStatus;

/**
 * The server side of the opening handshake (RFC 6455 §4.2): checks the client's request in the
 * order of RFC 6455 §4.2.1 and, when it passes, builds the 101 Switching Protocols response
 * (§4.2.2). A failed check is a {@link HandshakeException} whose {@code toResponse()} is the
 * answer to write before closing:
 * <ul>
 *   <li>not GET → 405 with {@code Allow: GET} (RFC 9110 §15.5.6);</li>
 *   <li>HTTP/1.0 → 400: RFC 6455 §4.2.1 asks for "an appropriate error code (such as 400)"; we do
 *       not use 505, which RFC 9110 §15.6.6 reserves for an unsupported <em>major</em> version
 *       (HTTP/2.0 → 505);</li>
 *   <li>Host missing, repeated or empty; Sec-WebSocket-Key missing, repeated or not 16 bytes;
 *       Origin repeated; a subprotocol that is not a token → 400;</li>
 *   <li>Upgrade without {@code websocket} or Connection without {@code Upgrade} → 426 with
 *       {@code Upgrade: websocket} (RFC 9110 §15.5.22), as python-websockets does;</li>
 *   <li>Sec-WebSocket-Version other than 13 → 426 with {@code Sec-WebSocket-Version: 13} (RFC 6455 §4.4);</li>
 *   <li>Origin refused by the {@link OriginPolicy} → 403 (RFC 6455 §4.2.2 /origin/).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe (if the policy's {@link ExtensionNegotiator} is).
 */
public final class ServerHandshake {

    private final HandshakePolicy policy;

    public ServerHandshake(HandshakePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public HandshakePolicy policy() {
        return policy;
    }

    /** Checks {@code request}; returns the 101 response and what was negotiated. */
    public HandshakeAccepted accept(HttpRequest request) throws HandshakeException {
        HttpHeaders headers = request.headers();
        RequestChecks.method(request);
        RequestChecks.httpVersion(request);
        RequestChecks.host(headers);
        RequestChecks.upgrade(headers);
        String key = RequestChecks.key(headers);
        RequestChecks.webSocketVersion(headers);
        RequestChecks.origin(headers, policy.origins());
        Optional<String> subprotocol = chooseSubprotocol(RequestChecks.offeredSubprotocols(headers));
        List<String> extensions = negotiateExtensions(ExtensionList.split(headers.all(EXTENSIONS)));

        HttpHeaders responseHeaders = new HttpHeaders()
                .add(UPGRADE, WEBSOCKET)
                .add(CONNECTION, "Upgrade")
                .add(ACCEPT, AcceptKey.compute(key));
        subprotocol.ifPresent(chosen -> responseHeaders.add(PROTOCOL, chosen));
        if (!extensions.isEmpty()) {
            responseHeaders.add(EXTENSIONS, String.join(", ", extensions));
        }
        HttpResponse response = new HttpResponse(HttpStatus.SWITCHING_PROTOCOLS,
                HttpStatus.reasonPhrase(HttpStatus.SWITCHING_PROTOCOLS), responseHeaders, null);
        return new HandshakeAccepted(response, subprotocol, extensions);
    }

    /**
     * RFC 6455 §4.2.2 (/subprotocol/) lets the server pick any one of the client's subprotocols. We take
     * the first in the <em>client's</em> order of preference that we support; with no match the
     * response carries no Sec-WebSocket-Protocol and the connection proceeds without one.
     */
    private Optional<String> chooseSubprotocol(List<String> offered) {
        for (String candidate : offered) {
            if (policy.subprotocols().contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private List<String> negotiateExtensions(List<String> offered) throws HandshakeException {
        List<String> accepted = List.copyOf(policy.extensions().negotiate(offered));
        Set<String> offeredNames = new HashSet<>();
        offered.forEach(element -> offeredNames.add(ExtensionList.name(element)));
        for (String element : accepted) {
            if (!offeredNames.contains(ExtensionList.name(element))) {
                // A client must fail the connection on an extension it did not ask for (RFC 6455 §4.1 item 5).
                throw new IllegalStateException("the ExtensionNegotiator accepted \"" + element
                        + "\", which the client did not offer (RFC 6455 §9.1)");
            }
        }
        return accepted;
    }
}
