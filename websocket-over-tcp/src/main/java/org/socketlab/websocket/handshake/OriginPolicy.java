package org.socketlab.websocket.handshake;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may open a WebSocket to this server (RFC 6455 §4.2.2 /origin/, §10.2).
 *
 * <p><b>Why this matters — Cross-Site WebSocket Hijacking.</b> Browsers do not apply the
 * same-origin policy or CORS to WebSocket handshakes, and they attach the user's cookies to
 * them. A page on {@code https://evil.example} can therefore open a WebSocket to your server
 * that is authenticated as the visiting user, and read every message. The only thing that gives
 * the page away is the {@code Origin} header the browser is obliged to send (RFC 6455 §10.2), so
 * the server must compare it against the origins it trusts and answer 403 otherwise.
 *
 * <p>Origins are compared in their serialized form {@code scheme://host[:port]} (RFC 6454 §6.2):
 * scheme and host ignore ASCII case, a default port ({@code :80} for http/ws, {@code :443} for
 * https/wss) equals no port, and paths are not part of an origin.
 *
 * <p>A request with no {@code Origin} did not come from a browser (a command-line tool or a
 * server); it cannot be a hijacking and is allowed, unless {@link #requireOrigin()} is used.
 * Allowing every origin needs the explicit, greppable {@link #allowAny()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class OriginPolicy {

    private final Set<String> allowed; // normalized origins; null means any origin
    private final boolean originRequired;

    private OriginPolicy(Set<String> allowed, boolean originRequired) {
        this.allowed = allowed;
        this.originRequired = originRequired;
    }

    /**
     * Allows exactly these origins, e.g. {@code allowList(List.of("https://chat.example", "http://localhost:8080"))}.
     *
     * @throws IllegalArgumentException if an entry is not a serialized origin {@code scheme://host[:port]},
     *                                  or is the opaque origin {@code null}, which any sandboxed page can send
     */
    public static OriginPolicy allowList(Collection<String> origins) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String origin : origins) {
            if ("null".equals(origin)) {
                throw new IllegalArgumentException("the opaque origin \"null\" cannot be allow-listed: any sandboxed "
                        + "iframe or data: page sends it (RFC 6454 §7.3); use allowAny() if you really mean that");
            }
            normalized.add(normalize(origin).orElseThrow(() -> new IllegalArgumentException(
                    "an allowed origin must look like scheme://host[:port] with no path (RFC 6454 §6.2), got \""
                            + origin + "\"")));
        }
        return new OriginPolicy(Set.copyOf(normalized), false);
    }

    /** Allows every origin, including none. Only for public, unauthenticated endpoints. */
    public static OriginPolicy allowAny() {
        return new OriginPolicy(null, false);
    }

    /** The same allow-list, but a request without {@code Origin} is refused too. */
    public OriginPolicy requireOrigin() {
        return new OriginPolicy(allowed, true);
    }

    /** Whether a handshake carrying this {@code Origin} value (or none) may proceed. */
    public boolean allows(Optional<String> origin) {
        if (origin.isEmpty()) {
            return !originRequired;
        }
        if (allowed == null) {
            return true;
        }
        return normalize(origin.get()).map(allowed::contains).orElse(false);
    }

    public boolean allowsAnyOrigin() {
        return allowed == null;
    }

    @Override
    public String toString() {
        String which = allowed == null ? "allowAny()" : "allowList(" + allowed + ")";
        return originRequired ? which + ".requireOrigin()" : which;
    }

    /**
     * {@code scheme://host[:port]} with scheme and host lower-cased and a default port removed,
     * or empty when {@code origin} is not a serialized tuple origin.
     */
    static Optional<String> normalize(String origin) {
        int separator = origin.indexOf("://");
        if (separator <= 0) {
            return Optional.empty();
        }
        String scheme = origin.substring(0, separator).toLowerCase(Locale.ROOT);
        String authority = origin.substring(separator + 3);
        if (!scheme.matches("[a-z][a-z0-9+.-]*") || authority.isEmpty() || !authority.matches("[A-Za-z0-9.:\\[\\]_~%!$&'()*+,;=-]+")) {
            return Optional.empty();
        }
        int portColon = authority.lastIndexOf(':');
        boolean hasPort = portColon > authority.lastIndexOf(']');
        String host = hasPort ? authority.substring(0, portColon) : authority;
        String port = hasPort ? authority.substring(portColon + 1) : "";
        if (host.isEmpty() || (hasPort && !port.matches("[0-9]{1,5}")) || (hasPort && Integer.parseInt(port) > 65535)) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (port.isEmpty() || port.equals(defaultPort(scheme))) {
            return Optional.of(scheme + "://" + host);
        }
        return Optional.of(scheme + "://" + host + ":" + Integer.parseInt(port));
    }

    private static String defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> "80";
            case "https", "wss" -> "443";
            default -> "";
        };
    }
}
