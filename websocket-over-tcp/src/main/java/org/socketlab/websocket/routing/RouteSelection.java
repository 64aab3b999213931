package org.socketlab.websocket.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Where one message goes.
 *
 * @param routeKey the route to call: a custom key or {@code $default}; empty when nothing
 *                 matched and there is no {@code $default} route (the caller is told "Forbidden")
 * @param body     the parsed JSON body, empty when the message is not JSON (or is binary)
 */
public record RouteSelection(Optional<String> routeKey, Optional<JsonNode> body) {
}
