package org.socketlab.websocket.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.http.HttpLimits;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.transport.ConnectionSettings;

/**
 * How a {@link WebSocketClient} connects. Immutable; every "setter" returns a copy:
 * {@code ClientOptions.defaults().subprotocols("chat").reconnect(Backoff.exponential())}.
 *
 * @param connectTimeout   TCP connect (SYN → SYN-ACK)
 * @param handshakeTimeout TLS handshake plus the HTTP upgrade exchange
 * @param origin           the Origin header to send (browsers always do; RFC 6455 §4.1 item 8)
 * @param subprotocols     offered in preference order (Sec-WebSocket-Protocol)
 * @param headers          extra request headers (name, value), e.g. Authorization
 * @param protocol         frame/message limits, heartbeat (ping interval, pong timeout), close timeout
 * @param maxBufferedBytes outbound queue limit (backpressure)
 * @param sendTimeout      a send waiting this long for queue space aborts the connection
 * @param sslContext       for wss://; empty = the JDK's default trust store
 * @param http             limits for the server's response headers
 * @param reconnect        used by {@link ReconnectingClient}; empty = never reconnect
 * @param onReconnect      called with the new session and attempt count after each reconnection
 *                         (re-subscribe here)
 * @param permessageDeflate offer permessage-deflate (RFC 7692) with these wishes; empty = do not offer
 */
public record ClientOptions(Duration connectTimeout, Duration handshakeTimeout, Optional<String> origin,
                            List<String> subprotocols, List<Map.Entry<String, String>> headers,
                            ProtocolConfig protocol, long maxBufferedBytes, Duration sendTimeout,
                            Optional<SSLContext> sslContext, HttpLimits http, Optional<Backoff> reconnect,
                            BiConsumer<Session, Integer> onReconnect, Optional<DeflateConfig> permessageDeflate) {

    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        subprotocols = List.copyOf(subprotocols);
        headers = List.copyOf(headers);
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(onReconnect, "onReconnect");
        Objects.requireNonNull(permessageDeflate, "permessageDeflate");
    }

    /** 10 s connect, 10 s handshake, no Origin, protocol defaults, 4 MiB queue, 30 s send timeout. */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(10), Optional.empty(), List.of(), List.of(),
                ProtocolConfig.defaults(), 4L << 20, Duration.ofSeconds(30), Optional.empty(), HttpLimits.defaults(),
                Optional.empty(), (session, attempt) -> { }, Optional.empty());
    }

    public ClientOptions connectTimeout(Duration value) {
        return new ClientOptions(value, handshakeTimeout, origin, subprotocols, headers, protocol, maxBufferedBytes,
                sendTimeout, sslContext, http, reconnect, onReconnect, permessageDeflate);
    }

    public ClientOptions handshakeTimeout(Duration value) {
        return new ClientOptions(connectTimeout, value, origin, subprotocols, headers, protocol, maxBufferedBytes,
                sendTimeout, sslContext, http, reconnect, onReconnect, permessageDeflate);
    }

    public ClientOptions origin(String value) {
        return new ClientOptions(connectTimeout, handshakeTimeout, Optional.of(value), subprotocols, headers, protocol,
                maxBufferedBytes, sendTimeout, sslContext, http, reconnect, onReconnect, permessageDeflate);
    }

    public ClientOptions subprotocols(String... names) {
        return new ClientOptions(connectTimeout, handshakeTimeout, origin, List.of(names), headers, protocol,
                maxBufferedBytes, sendTimeout, sslContext, http, reconnect, onReconnect, permessageDeflate);
    }

    public ClientOptions header(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new ClientOptions(connectTimeout, handshakeTimeout, origin, subprotocols, more, protocol,
                maxBufferedBytes, sendTimeout, sslContext, http, reconnect, onReconnect, permessageDeflate);
    }

    public ClientOptions protocol(ProtocolConfig value) {
        return new ClientOptions(connectTimeout, handshakeTimeout, origin, subprotocols, headers, value,
                maxBufferedBytes, sendTimeout, sslContext, http, reconnect, onReconnect, permessageDeflate);
    }

    /** Heartbeat: ping after {@code interval} of silence, fail when no pong within {@code pongTimeout}. */
    public ClientOptions heartbeat(Duration interval, Duration pongTimeout) {
        return protocol(protocol.withPingInterval(interval).withPongTimeout(pongTimeout));
    }

    public ClientOptions maxMessageSize(long bytes) {
        return protocol(protocol.withMaxMessageSize(bytes).withMaxFramePayload(Math.max(bytes, 125)));
    }

    public ClientOptions maxBufferedBytes(long value) {
        return new ClientOptions(connectTimeout, handshakeTimeout, origin, subprotocols, headers, protocol,
                value, sendTimeout, sslContext, http, reconnect, onReconnect, permessageDeflate);
    }

    public ClientOptions sslContext(SSLContext value) {
        return new ClientOptions(connectTimeout, handshakeTimeout, origin, subprotocols, headers, protocol,
                maxBufferedBytes, sendTimeout, Optional.of(value), http, reconnect, onReconnect, permessageDeflate);
    }

    public ClientOptions reconnect(Backoff value) {
        return new ClientOptions(connectTimeout, handshakeTimeout, origin, subprotocols, headers, protocol,
                maxBufferedBytes, sendTimeout, sslContext, http, Optional.of(value), onReconnect, permessageDeflate);
    }

    public ClientOptions onReconnect(BiConsumer<Session, Integer> hook) {
        return new ClientOptions(connectTimeout, handshakeTimeout, origin, subprotocols, headers, protocol,
                maxBufferedBytes, sendTimeout, sslContext, http, reconnect, hook, permessageDeflate);
    }

    /**
     * Offers permessage-deflate (RFC 7692) in the handshake; a server response that does not
     * match the offer fails the handshake. Off unless called.
     */
    public ClientOptions permessageDeflate(DeflateConfig value) {
        return new ClientOptions(connectTimeout, handshakeTimeout, origin, subprotocols, headers, protocol,
                maxBufferedBytes, sendTimeout, sslContext, http, reconnect, onReconnect, Optional.of(value));
    }

    ConnectionSettings connectionSettings() {
        return new ConnectionSettings(maxBufferedBytes, sendTimeout, protocol.closeTimeout());
    }
}
