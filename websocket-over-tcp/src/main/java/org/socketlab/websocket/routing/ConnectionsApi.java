package org.socketlab.websocket.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.HttpFallbackHandler;

/**
 * API Gateway's connection management API over plain HTTP, on the WebSocket server's own port
 * (installed as its {@link HttpFallbackHandler}):
 *
 * <pre>
 * POST   /@connections/{id}   body → that connection (text if UTF-8, else binary)   200, empty body
 * GET    /@connections/{id}   {"connectionId","connectedAt","lastActiveAt","identity":{"sourceIp","userAgent"}}  200
 * DELETE /@connections/{id}   close handshake with 1000, then $disconnect            204
 * </pre>
 *
 * <p>Checks, in order: a path outside {@code /@connections/} → 404; a missing or wrong API key
 * (header {@code x-api-key} by default, compared in constant time) → 403, before anything else
 * about the request is revealed; a malformed id or extra path segments → 404; another method →
 * 405 with {@code Allow}; a POST body over the limit → 413; an id that is not connected (never
 * was, or gone) → 410. Responses are JSON ({@code application/json}) with fixed messages: no
 * request input is ever echoed. POST answers 200 with an empty body, as API Gateway does.
 *
 * <p>Thread-safe; stateless apart from the {@link ConnectionManager}.
 */
public final class ConnectionsApi implements HttpFallbackHandler {

    public static final String PATH_PREFIX = "/@connections/";
    /** The same prefix with {@code @} percent-encoded (RFC 3986 §2.1), as some clients send it. */
    static final String ENCODED_PREFIX = "/%40connections/";
    private static final HttpHeaders ALLOW = HttpHeaders.of("Allow", "GET, POST, DELETE");

    private final ConnectionManager connections;
    private final byte[] apiKey;
    private final String apiKeyHeader;
    private final int maxPostBytes;

    ConnectionsApi(ConnectionManager connections, String apiKey, String apiKeyHeader, int maxPostBytes) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.apiKeyHeader = Objects.requireNonNull(apiKeyHeader, "apiKeyHeader");
        this.maxPostBytes = maxPostBytes;
    }

    @Override
    public HttpResponse handle(HttpRequest request, InetSocketAddress remoteAddress) {
        Optional<String> rest = stripPrefix(request.path());
        if (rest.isEmpty()) {
            return JsonReplies.httpError(404, "Not Found");
        }
        if (!authorized(request)) {
            return JsonReplies.httpError(403, "Forbidden");
        }
        String connectionId = rest.get();
        if (!ConnectionIds.SHAPE.matcher(connectionId).matches()) {
            return JsonReplies.httpError(404, "Not Found");
        }
        return switch (request.method()) {
            case "GET" -> get(connectionId);
            case "POST" -> post(connectionId, request);
            case "DELETE" -> delete(connectionId);
            default -> {
                HttpResponse refused = JsonReplies.httpError(405, "Method Not Allowed");
                HttpHeaders headers = refused.headers().copy().addAll(ALLOW);
                yield new HttpResponse(405, refused.reason(), headers, refused.body());
            }
        };
    }

    private HttpResponse get(String connectionId) {
        return connections.info(connectionId).map(ConnectionsApi::statusJson)
                .map(json -> JsonReplies.http(200, json))
                .orElseGet(ConnectionsApi::gone);
    }

    private HttpResponse post(String connectionId, HttpRequest request) {
        if (request.bodyLength() > maxPostBytes) {
            return JsonReplies.httpError(413, "Payload too large: the limit is " + maxPostBytes + " bytes");
        }
        byte[] body = request.body();
        Optional<String> text = utf8(body);
        boolean sent = text.isPresent()
                ? connections.post(connectionId, text.get())
                : connections.post(connectionId, ByteBuffer.wrap(body));
        return sent ? JsonReplies.empty(200, new HttpHeaders()) : gone();
    }

    private HttpResponse delete(String connectionId) {
        return connections.disconnect(connectionId) ? JsonReplies.empty(204, new HttpHeaders()) : gone();
    }

    private static HttpResponse gone() {
        return JsonReplies.httpError(410, "Gone");
    }

    private static ObjectNode statusJson(ConnectionInfo info) {
        ObjectNode json = Router.JSON.createObjectNode();
        json.put("connectionId", info.connectionId());
        json.put("connectedAt", info.connectedAt().toString());
        json.put("lastActiveAt", info.lastActiveAt().toString());
        ObjectNode identity = json.putObject("identity");
        identity.put("sourceIp", info.sourceIp());
        identity.put("userAgent", info.userAgent());
        return json;
    }

    /** The id part of {@code /@connections/{id}}; empty for any other path. */
    private static Optional<String> stripPrefix(String path) {
        for (String prefix : List.of(PATH_PREFIX, ENCODED_PREFIX)) {
            if (path.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return Optional.of(path.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    /** Exactly one key header, equal to ours; compared in constant time so timing leaks nothing. */
    private boolean authorized(HttpRequest request) {
        // BEGIN SOLUTION lab=12 task="check the API key: exactly one x-api-key header, compared with ours in constant time (MessageDigest.isEqual)"
        List<String> keys = request.headers().all(apiKeyHeader);
        if (keys.size() != 1) {
            return false;
        }
        return MessageDigest.isEqual(apiKey, keys.get(0).getBytes(StandardCharsets.UTF_8));
        // END SOLUTION
    }

    /** The body as text when it is valid UTF-8 (a WebSocket text message must be, RFC 6455 §5.6). */
    private static Optional<String> utf8(byte[] body) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException notText) {
            return Optional.empty();
        }
    }
}
