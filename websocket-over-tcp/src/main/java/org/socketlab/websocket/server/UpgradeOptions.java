package org.socketlab.websocket.server;

import java.util.Objects;
import java.util.Optional;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.protocol.ProtocolConfig;

/**
 * How {@link HttpExchange#upgrade} judges and runs one WebSocket: the handshake policy (origins,
 * subprotocols, extensions) and, optionally, protocol limits and an outbound queue size that
 * differ from the front door's {@link ServerConfig} (Engine.IO's {@code maxPayload}, say).
 * Everything else — send timeout, close timeout, ping — comes from the front door's configuration.
 *
 * @param policy           RFC 6455 §4.2 checks, origin policy (§10.2), subprotocols
 * @param protocol         frame/message limits and timers; empty = the server's
 * @param maxBufferedBytes outbound queue limit; 0 = the server's
 */
public record UpgradeOptions(HandshakePolicy policy, Optional<ProtocolConfig> protocol, long maxBufferedBytes) {

    public UpgradeOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(protocol, "protocol");
        if (maxBufferedBytes < 0) {
            throw new IllegalArgumentException("maxBufferedBytes must be >= 0, got " + maxBufferedBytes);
        }
    }

    /** The policy with the server's protocol limits and queue size. */
    public static UpgradeOptions of(HandshakePolicy policy) {
        return new UpgradeOptions(policy, Optional.empty(), 0);
    }

    public UpgradeOptions withProtocol(ProtocolConfig value) {
        return new UpgradeOptions(policy, Optional.of(value), maxBufferedBytes);
    }

    public UpgradeOptions withMaxBufferedBytes(long value) {
        return new UpgradeOptions(policy, protocol, value);
    }
}
