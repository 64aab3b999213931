package org.socketlab.websocket.sockjs;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a request path under a SockJS prefix names (SockJS 0.3.3, "Static URLs" and "Session
 * URLs"). {@code prefix} is the endpoint path without a trailing slash, e.g. {@code /echo}. Pure.
 *
 * @param kind      what the path names
 * @param sessionId the session of a {@link Kind#SESSION} path (the server id is for load balancers
 *                  and ignored, as the protocol requires)
 * @param transport the transport of a {@link Kind#SESSION} path
 */
public record SockJsPath(Kind kind, String sessionId, TransportKind transport) {

    public enum Kind { GREETING, INFO, IFRAME, RAW_WEBSOCKET, SESSION, NOT_FOUND }

    /** {@code iframe.html}, {@code iframe-<version>.html}: versioned names let a client bust caches. */
    private static final Pattern IFRAME = Pattern.compile("iframe[0-9a-z._-]*\\.html");
    /** Server and session ids: any non-empty segment without dots. */
    private static final Pattern SEGMENT = Pattern.compile("[^/.]+");
    private static final SockJsPath NOT_FOUND = new SockJsPath(Kind.NOT_FOUND, null, null);

    /** Parses {@code path} (as received, still percent-encoded) under {@code prefix}. */
    public static SockJsPath parse(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return NOT_FOUND;
        }
        String rest = path.substring(prefix.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return simple(Kind.GREETING);
        }
        if (rest.charAt(0) != '/') {
            return NOT_FOUND;
        }
        rest = rest.substring(1);
        if (rest.equals("info")) {
            return simple(Kind.INFO);
        }
        if (rest.equals("websocket")) {
            return simple(Kind.RAW_WEBSOCKET);
        }
        if (IFRAME.matcher(rest).matches()) {
            return simple(Kind.IFRAME);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length != 3 || !SEGMENT.matcher(parts[0]).matches() || !SEGMENT.matcher(parts[1]).matches()) {
            return NOT_FOUND;
        }
        Optional<TransportKind> transport = TransportKind.byUrlName(parts[2]);
        return transport.map(kind -> new SockJsPath(Kind.SESSION, parts[1], kind)).orElse(NOT_FOUND);
    }

    private static SockJsPath simple(Kind kind) {
        return new SockJsPath(kind, null, null);
    }
}
