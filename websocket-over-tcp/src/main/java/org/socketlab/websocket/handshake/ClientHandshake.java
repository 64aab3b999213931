package org.socketlab.websocket.handshake;

import static org.socketlab.websocket.handshake.WebSocketHeaders.CONNECTION;
import static org.socketlab.websocket.handshake.WebSocketHeaders.EXTENSIONS;
import static org.socketlab.websocket.handshake.WebSocketHeaders.HOST;
import static org.socketlab.websocket.handshake.WebSocketHeaders.KEY;
import static org.socketlab.websocket.handshake.WebSocketHeaders.ORIGIN;
import static org.socketlab.websocket.handshake.WebSocketHeaders.PROTOCOL;
import static org.socketlab.websocket.handshake.WebSocketHeaders.SUPPORTED_VERSION;
import static org.socketlab.websocket.handshake.WebSocketHeaders.UPGRADE;
import static org.socketlab.websocket.handshake.WebSocketHeaders.VERSION;
import static org.socketlab.websocket.handshake.WebSocketHeaders.WEBSOCKET;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * The client side of the opening handshake (RFC 6455 §4.1): builds the GET request with a fresh
 * random key and validates the server's answer with {@link ResponseChecks}.
 *
 * <pre>{@code
 * ClientHandshake handshake = ClientHandshake.builder()
 *         .hostHeader("localhost:8080").target("/chat").subprotocols(List.of("chat")).build();
 * socketOut.write(handshake.requestBytes());
 * ClientHandshakeResult result = handshake.validate(responseParser.parse(in));
 * }</pre>
 *
 * <p>Immutable once built; one instance per connection attempt (each has its own key).
 */
public final class ClientHandshake {

    /** Headers the handshake sets itself; {@link Builder#header} refuses them. */
    private static final Set<String> MANAGED = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions", "origin");

    private final HttpRequest request;
    private final String key;
    private final List<String> subprotocols;
    private final List<String> extensions;

    private ClientHandshake(HttpRequest request, String key, List<String> subprotocols, List<String> extensions) {
        this.request = request;
        this.key = key;
        this.subprotocols = subprotocols;
        this.extensions = extensions;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The GET request to send. */
    public HttpRequest request() {
        return new HttpRequest(request.method(), request.target(), request.version(), request.headers().copy());
    }

    /** {@link #request()} as bytes, ready to write. */
    public byte[] requestBytes() {
        return request.toBytes();
    }

    /** The {@code Sec-WebSocket-Key} sent: base64 of 16 random bytes. */
    public String key() {
        return key;
    }

    /** The {@code Sec-WebSocket-Accept} value a correct server must answer with. */
    public String expectedAccept() {
        return AcceptKey.compute(key);
    }

    /**
     * Checks the server's response (RFC 6455 §4.1, "the client MUST validate the server's response").
     *
     * @throws HandshakeException with the server's status when it did not answer 101, or with 502
     *                            when its 101 breaks a rule; the message names the rule
     */
    public ClientHandshakeResult validate(HttpResponse response) throws HandshakeException {
        return ResponseChecks.validate(response, expectedAccept(), subprotocols, extensions);
    }

    /** Builds a {@link ClientHandshake}; not thread-safe. */
    public static final class Builder {
        private String hostHeader;
        private String target = "/";
        private String origin;
        private List<String> subprotocols = List.of();
        private List<String> extensions = List.of();
        private final HttpHeaders extraHeaders = new HttpHeaders();
        private Supplier<byte[]> keyBytes;

        private Builder() {
        }

        /** The Host header, {@code host} or {@code host:port} (RFC 9112 §3.2). Required. */
        public Builder hostHeader(String value) {
            this.hostHeader = Objects.requireNonNull(value, "hostHeader");
            return this;
        }

        /** The origin-form request-target, e.g. {@code /chat?room=1}; default {@code /}. */
        public Builder target(String value) {
            if (value == null || !value.startsWith("/")) {
                throw new IllegalArgumentException("target must be origin-form, starting with '/' (RFC 9112 §3.2.1), got "
                        + (value == null ? "null" : "\"" + value + "\""));
            }
            this.target = value;
            return this;
        }

        /** The Origin header a browser would send; none by default (RFC 6455 §4.1 item 8). */
        public Builder origin(String value) {
            this.origin = value;
            return this;
        }

        /** Subprotocols in order of preference: unique tokens (RFC 6455 §4.1 item 10). */
        public Builder subprotocols(List<String> values) {
            Set<String> unique = new LinkedHashSet<>();
            for (String value : values) {
                if (!WebSocketHeaders.isToken(value) || !unique.add(value)) {
                    throw new IllegalArgumentException("subprotocols must be unique tokens (RFC 6455 §4.1 item 10), got "
                            + values);
                }
            }
            this.subprotocols = List.copyOf(unique);
            return this;
        }

        /** Extension offers, e.g. {@code permessage-deflate; client_max_window_bits} (RFC 6455 §9.1). */
        public Builder extensions(List<String> values) {
            this.extensions = List.copyOf(values);
            return this;
        }

        /** An extra header, e.g. {@code Authorization} or {@code Cookie}; handshake headers are refused. */
        public Builder header(String name, String value) {
            if (name != null && MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the handshake itself; use the builder "
                        + "method for it");
            }
            extraHeaders.add(name, value);
            return this;
        }

        /** A fixed 16-byte nonce, for tests only: RFC 6455 §4.1 item 7 wants a fresh random one per connection. */
        public Builder keyBytes(byte[] value) {
            byte[] copy = value.clone();
            this.keyBytes = () -> copy.clone();
            return this;
        }

        /** Where the 16-byte nonce comes from; a {@link SecureRandom} by default. */
        public Builder keyBytes(Supplier<byte[]> value) {
            this.keyBytes = Objects.requireNonNull(value, "keyBytes");
            return this;
        }

        public ClientHandshake build() {
            if (hostHeader == null) {
                throw new IllegalStateException("hostHeader(...) is required (RFC 6455 §4.1 item 4)");
            }
            byte[] nonce = keyBytes != null ? keyBytes.get() : secureRandomNonce();
            if (nonce == null || nonce.length != 16) {
                throw new IllegalArgumentException("the key nonce must be 16 bytes (RFC 6455 §4.1 item 7), got "
                        + (nonce == null ? "null" : nonce.length));
            }
            String key = Base64.getEncoder().encodeToString(nonce);
            HttpHeaders headers = new HttpHeaders()
                    .add(HOST, hostHeader)
                    .add(UPGRADE, WEBSOCKET)
                    .add(CONNECTION, "Upgrade")
                    .add(KEY, key)
                    .add(VERSION, SUPPORTED_VERSION);
            if (origin != null) {
                headers.add(ORIGIN, origin);
            }
            if (!subprotocols.isEmpty()) {
                headers.add(PROTOCOL, String.join(", ", subprotocols));
            }
            if (!extensions.isEmpty()) {
                headers.add(EXTENSIONS, String.join(", ", extensions));
            }
            headers.addAll(extraHeaders);
            HttpRequest request = new HttpRequest("GET", target, "HTTP/1.1", headers);
            return new ClientHandshake(request, key, subprotocols, new ArrayList<>(extensions));
        }

        private static byte[] secureRandomNonce() {
            byte[] nonce = new byte[16];
            SecureRandomHolder.RANDOM.nextBytes(nonce);
            return nonce;
        }
    }

    /** Created on first use; SecureRandom is thread-safe. */
    private static final class SecureRandomHolder {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
