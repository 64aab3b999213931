package org.socketlab.websocket.chat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.server.HandshakeInterceptor;

/**
 * The chat endpoint's defence against Cross-Site WebSocket Hijacking (RFC 6455 §10.2): a
 * browser handshake whose {@code Origin} is not one of the server's own origins gets 403.
 * By default those are the loopback names with the port the server actually bound —
 * {@code http://127.0.0.1:P}, {@code http://localhost:P}, {@code http://[::1]:P} — which is why
 * this is an interceptor set after the port is known, not a list fixed before {@code start()}.
 * A request without {@code Origin} (not a browser) is allowed, as {@link OriginPolicy} does.
 *
 * <p>Thread-safe: the policy is set once, before the server is announced, and read by many.
 */
final class OriginAllowList implements HandshakeInterceptor {

    private volatile OriginPolicy policy = OriginPolicy.allowList(List.of());
    private volatile List<String> origins = List.of();

    /** The server's own origins on {@code port}, plus the configured extra ones. */
    static List<String> ownOrigins(String host, int port, Collection<String> extra) {
        List<String> all = new ArrayList<>(List.of("http://127.0.0.1:" + port, "http://localhost:" + port,
                "http://[::1]:" + port));
        if (!host.isEmpty() && !host.equals("0.0.0.0") && !host.equals("::")) {
            String origin = "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
            if (!all.contains(origin)) {
                all.add(origin);
            }
        }
        extra.stream().filter(origin -> !all.contains(origin)).forEach(all::add);
        return List.copyOf(all);
    }

    void allow(List<String> allowed) {
        this.policy = OriginPolicy.allowList(allowed);
        this.origins = List.copyOf(allowed);
    }

    List<String> origins() {
        return origins;
    }

    @Override
    public void beforeUpgrade(HttpRequest request, InetSocketAddress remoteAddress, Map<String, Object> attributes)
            throws HandshakeException {
        // BEGIN SOLUTION lab=11 task="refuse a handshake whose Origin is not one of the server's own with 403 (RFC 6455 §10.2)"
        Optional<String> origin = request.headers().first("Origin");
        if (!policy.allows(origin)) {
            throw new HandshakeException(403, "origin " + ChatValidation.quote(origin.orElse(""))
                    + " may not open the chat; allowed: " + origins + " (RFC 6455 §10.2)");
        }
        // END SOLUTION
    }
}
