package org.socketlab.websocket.socketio.engine;

import java.util.Optional;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * The Origin rule of an Engine.IO endpoint, for polling and WebSocket alike: a request whose
 * {@code Origin} the {@link OriginPolicy} refuses gets 403 {@code {"code":4,"message":"Forbidden"}}
 * (the reference server's answer when {@code allowRequest} refuses); an allowed cross-origin
 * polling response carries the CORS headers a browser needs to read it (Fetch standard, "CORS
 * protocol"), with {@code Access-Control-Allow-Credentials: true} when credentials are enabled.
 *
 * <p>Immutable and thread-safe.
 */
final class EngineCors {

    private final OriginPolicy origins;
    private final boolean credentials;

    EngineCors(OriginPolicy origins, boolean credentials) {
        this.origins = origins;
        this.credentials = credentials;
    }

    /** Refuses a request whose Origin is not allowed (a request without Origin passes unless required). */
    void check(HttpRequest request) throws RejectedRequest {
        if (!origins.allows(origin(request))) {
            throw new RejectedRequest(EngineError.FORBIDDEN, "origin not allowed by " + origins);
        }
    }

    /** {@code response} plus the CORS headers when the request came from an allowed Origin. */
    HttpResponse decorate(HttpRequest request, HttpResponse response) {
        Optional<String> origin = origin(request);
        if (origin.isEmpty() || !origins.allows(origin)) {
            return response;
        }
        HttpHeaders headers = response.headers().copy();
        addAllowOrigin(headers, origin.get());
        return new HttpResponse(response.status(), response.reason(), headers, response.body());
    }

    /** The answer to a CORS preflight ({@code OPTIONS}) from an allowed Origin: 204, no body. */
    HttpResponse preflight(HttpRequest request) throws RejectedRequest {
        check(request);
        HttpHeaders headers = HttpHeaders.of("Content-Length", "0",
                "Access-Control-Allow-Methods", "GET, POST");
        request.headers().first("Access-Control-Request-Headers")
                .filter(EngineCors::isTokenList)
                .ifPresent(requested -> headers.add("Access-Control-Allow-Headers", requested));
        origin(request).ifPresent(origin -> addAllowOrigin(headers, origin));
        return new HttpResponse(204, "No Content", headers, new byte[0]);
    }

    private void addAllowOrigin(HttpHeaders headers, String origin) {
        if (origins.allowsAnyOrigin() && !credentials) {
            headers.set("Access-Control-Allow-Origin", "*");
            return;
        }
        // A credentialed response must name the origin: "*" is not allowed with credentials.
        headers.set("Access-Control-Allow-Origin", origin);
        headers.add("Vary", "Origin");
        if (credentials) {
            headers.set("Access-Control-Allow-Credentials", "true");
        }
    }

    private static Optional<String> origin(HttpRequest request) {
        return request.headers().first("Origin");
    }

    /** Header names separated by commas: {@code content-type, x-token}; anything else is not reflected. */
    private static boolean isTokenList(String value) {
        return value.length() <= 256 && value.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+(\\s*,\\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*");
    }
}
