package org.socketlab.websocket.client;

import java.net.URI;

/**
 * The parts of a WebSocket URI the client needs (RFC 6455 §3): secure flag, host, port
 * (80/443 by default), the Host header value and the resource name (path and query).
 */
record WebSocketUri(boolean secure, String host, int port, String hostHeader, String resourceName) {

    static WebSocketUri parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean secure = switch (scheme) {
            case "ws" -> false;
            case "wss" -> true;
            default -> throw new IllegalArgumentException(
                    "URI scheme is \"" + scheme + "\"; a WebSocket URI uses ws or wss (RFC 6455 §3): " + uri);
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("WebSocket URI has no host (RFC 6455 §3): " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("WebSocket URI must not have a fragment (RFC 6455 §3): " + uri);
        }
        int defaultPort = secure ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String host = uri.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // RFC 6455 §4.1 item 4: the port appears in Host only when it is not the default.
        String hostHeader = port == defaultPort ? host : host + ":" + port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String resource = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new WebSocketUri(secure, bareHost, port, hostHeader, resource);
    }
}
