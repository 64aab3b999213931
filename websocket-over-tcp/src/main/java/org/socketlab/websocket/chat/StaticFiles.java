package org.socketlab.websocket.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.HttpFallbackHandler;

/**
 * A hand-written static file handler: serves files from a class-path folder (e.g.
 * {@code /static/chat/}) for GET and HEAD, on the same port as the WebSocket endpoints.
 *
 * <ul>
 *   <li>{@code /} is {@code /index.html}; other paths must name a file directly.</li>
 *   <li>No path traversal: the path is percent-decoded once, and then every segment must match
 *       {@code [A-Za-z0-9_-]+(.[A-Za-z0-9]+)*} — so {@code ..}, {@code %2e%2e}, backslashes,
 *       NUL and double-encoding all end in 404 before the class path is consulted.</li>
 *   <li>Only known extensions, with their Content-Type (RFC 9110 §8.3) and
 *       {@code X-Content-Type-Options: nosniff}, so a browser never guesses a type.</li>
 *   <li>A strong ETag (SHA-256 of the content) and {@code Cache-Control: no-cache}: the browser
 *       keeps its copy and revalidates; {@code If-None-Match} gets 304 (RFC 9110 §13.1.2).</li>
 *   <li>A Content-Security-Policy that allows scripts, styles and connections to this origin
 *       only — a second line of defence should user text ever reach the DOM as markup.</li>
 * </ul>
 *
 * <p>Thread-safe: files that exist are read once and cached (the class path does not change at run
 * time); misses are not cached, so the cache never outgrows the folder.
 */
public final class StaticFiles implements HttpFallbackHandler {

    /** Allows only this origin for everything; no inline script, no plugins, no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private record StaticFile(byte[] content, String contentType, String etag) {
    }

    private final String root;
    private final ClassLoader loader;
    private final Map<String, StaticFile> cache = new ConcurrentHashMap<>();

    /** Files under class-path folder {@code root}, e.g. {@code "static/chat"}. */
    public StaticFiles(String root) {
        this(root, StaticFiles.class.getClassLoader());
    }

    StaticFiles(String root, ClassLoader loader) {
        String trimmed = root.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the static root must be a folder, not the whole class path");
        }
        this.root = trimmed + "/";
        this.loader = loader;
    }

    @Override
    public HttpResponse handle(HttpRequest request, InetSocketAddress remoteAddress) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            // RFC 9110 §15.5.6: a 405 lists the methods that would work.
            return HttpResponse.withBody(405, HttpHeaders.of("Allow", "GET, HEAD"), "text/plain; charset=utf-8",
                    "only GET and HEAD are allowed here\n".getBytes(StandardCharsets.UTF_8));
        }
        Optional<StaticFile> file = resolve(request.path()).flatMap(this::load);
        if (file.isEmpty()) {
            return HttpResponse.text(404, "not found\n");
        }
        return respond(file.get(), request);
    }

    private HttpResponse respond(StaticFile file, HttpRequest request) {
        HttpHeaders headers = new HttpHeaders()
                .add("ETag", file.etag())
                .add("Cache-Control", "no-cache")
                .add("X-Content-Type-Options", "nosniff")
                .add("Referrer-Policy", "no-referrer");
        if (file.contentType().startsWith("text/html")) {
            headers.add("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        // RFC 9110 §13.1.2: a matching If-None-Match means "you have it": 304 without a body.
        if (request.headers().tokens("If-None-Match").stream().anyMatch(tag -> tag.equals(file.etag()) || tag.equals("*"))) {
            return new HttpResponse(304, "Not Modified", headers, new byte[0]);
        }
        HttpResponse full = HttpResponse.withBody(200, headers, file.contentType(), file.content());
        if (request.method().equals("HEAD")) {
            // RFC 9110 §9.3.2: the same header fields as GET, Content-Length included, no content.
            return new HttpResponse(200, full.reason(), full.headers(), new byte[0]);
        }
        return full;
    }

    /** The class-path name for a request path, or empty when the path is not a plain file name. */
    static Optional<String> resolve(String requestPath) {
        // BEGIN SOLUTION lab=11 task="map a request path to a file name: decode %XX once, then refuse .., empty segments, backslashes and anything not a plain name (404)"
        String decoded = percentDecode(requestPath);
        if (decoded == null || !decoded.startsWith("/")) {
            return Optional.empty();
        }
        String relative = decoded.equals("/") ? "index.html" : decoded.substring(1);
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty(); // "..", "", "%2e", "a\\b", "x\u0000" …
            }
        }
        return Optional.of(relative);
        // END SOLUTION
    }

    /**
     * The file, read once and cached. Only files that exist are cached — a bounded set, the
     * folder's content — never a miss: a client can ask for unlimited distinct missing names,
     * and remembering each would grow the heap without bound (issue 17 item 3).
     */
    private Optional<StaticFile> load(String relative) {
        return Optional.ofNullable(cache.computeIfAbsent(relative, this::read));
    }

    /** Null when the name has no known extension or no such resource exists. */
    private StaticFile read(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        if (type == null || name.indexOf('.') < 0) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(root + name)) {
            if (in == null) {
                return null;
            }
            byte[] content = in.readAllBytes();
            return new StaticFile(content, type, etag(content));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path resource " + root + name, e);
        }
    }

    /** How many files are cached (tests: misses never are). */
    int cachedFiles() {
        return cache.size();
    }

    /** Decodes %XX once (UTF-8); null when an escape is malformed or the bytes are not UTF-8. */
    static String percentDecode(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        byte[] out = new byte[path.length()];
        int length = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    return null;
                }
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                out[length++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c > 0x7F) {
                return null; // the parser only lets visible ASCII through; be strict anyway
            } else {
                out[length++] = (byte) c;
            }
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(out, 0, length)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static String etag(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
