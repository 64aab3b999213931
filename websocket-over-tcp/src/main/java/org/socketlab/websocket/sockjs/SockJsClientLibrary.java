package org.socketlab.websocket.sockjs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * The official {@code sockjs-client} browser bundle, served by this server at {@link #PATH}
 * (never from a CDN): the iframe page and the chat page load it from there. The build copies
 * {@code .ci/node/node_modules/sockjs-client/dist/sockjs.min.js} (installed by {@code npm ci})
 * into the classpath as {@code static/sockjs/sockjs.min.js}; when the build ran without it, the
 * file is read from that {@code node_modules} path under the working directory or a parent.
 * A server without either answers 404 with the reason.
 */
public final class SockJsClientLibrary {

    public static final String PATH = "/sockjs.min.js";
    private static final String RESOURCE = "/static/sockjs/sockjs.min.js";
    private static final Path NODE_MODULES = Path.of(".ci", "node", "node_modules", "sockjs-client", "dist", "sockjs.min.js");

    private static volatile Optional<byte[]> cached;

    private SockJsClientLibrary() {
    }

    /** The bundle's bytes, if this build or checkout has them. */
    public static Optional<byte[]> bytes() {
        Optional<byte[]> known = cached;
        if (known == null) {
            known = load();
            cached = known;
        }
        return known;
    }

    /** A front-door handler for {@link #PATH}: the bundle, cacheable for a day. */
    public static HttpResponse handle(HttpRequest request, InetSocketAddress remote) {
        Optional<byte[]> script = bytes();
        if (script.isEmpty()) {
            return HttpResponse.text(404, "sockjs.min.js is not installed: run npm ci in .ci/node and rebuild\n");
        }
        return HttpResponse.withBody(200, HttpHeaders.of("Cache-Control", "public, max-age=86400"),
                "application/javascript; charset=UTF-8", script.get());
    }

    private static Optional<byte[]> load() {
        try (InputStream in = SockJsClientLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                return Optional.of(in.readAllBytes());
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(NODE_MODULES);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(Files.readAllBytes(candidate));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the sockjs-client bundle", e);
        }
    }
}
