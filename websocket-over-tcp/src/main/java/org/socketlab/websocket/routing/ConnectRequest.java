package org.socketlab.websocket.routing;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.socketlab.websocket.http.HttpRequest;

/**
 * What {@code $connect} sees: the connection id it will have, the upgrade request (headers,
 * path, query — e.g. a token) and the peer's address. {@link #attributes()} travel with the
 * connection: whatever {@code $connect} stores there (the authenticated user) every later route
 * sees in {@link RouteContext#attributes()}.
 */
public record ConnectRequest(String connectionId, HttpRequest request, InetSocketAddress remoteAddress,
                             Map<String, Object> attributes) {

    /** The first value of a header field (names are case-insensitive). */
    public Optional<String> header(String name) {
        return request.headers().first(name);
    }

    /** The first value of a query parameter, percent-decoded. */
    public Optional<String> queryParameter(String name) {
        List<String> values = request.queryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
