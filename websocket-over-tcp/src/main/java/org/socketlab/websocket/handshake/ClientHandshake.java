package org.socketlab.websocket.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.socketlab.websocket.http.HandshakeException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/** Client side of the opening handshake (RFC 6455 §4.1) — work in progress. */
public final class ClientHandshake {

    private ClientHandshake() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public HttpRequest request() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public byte[] requestBytes() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public String key() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public ClientHandshakeResult validate(HttpResponse response) throws HandshakeException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Builds a {@link ClientHandshake}. */
    public static final class Builder {
        private String hostHeader;
        private String target = "/";
        private String origin;
        private final List<String> subprotocols = new ArrayList<>();
        private final List<String> extensions = new ArrayList<>();
        private final HttpHeaders extraHeaders = new HttpHeaders();
        private Supplier<byte[]> keyBytes;

        private Builder() {
        }

        public Builder hostHeader(String value) {
            this.hostHeader = Objects.requireNonNull(value, "hostHeader");
            return this;
        }

        public Builder target(String value) {
            this.target = Objects.requireNonNull(value, "target");
            return this;
        }

        public Builder origin(String value) {
            this.origin = value;
            return this;
        }

        public Builder subprotocols(List<String> values) {
            subprotocols.clear();
            subprotocols.addAll(values);
            return this;
        }

        public Builder extensions(List<String> values) {
            extensions.clear();
            extensions.addAll(values);
            return this;
        }

        public Builder header(String name, String value) {
            extraHeaders.add(name, value);
            return this;
        }

        public Builder keyBytes(byte[] value) {
            byte[] copy = value.clone();
            this.keyBytes = () -> copy;
            return this;
        }

        public Builder keyBytes(Supplier<byte[]> value) {
            this.keyBytes = Objects.requireNonNull(value, "keyBytes");
            return this;
        }

        public ClientHandshake build() {
            throw new UnsupportedOperationException("not yet implemented");
        }
    }
}
