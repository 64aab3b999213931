package org.socketlab.websocket.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The head of one HTTP/1.x message as seen on the wire — start line plus header fields, kept
 * exactly as sent (a dissector reports what is there; it does not refuse it).
 */
final class HttpHead {

    private final String startLine;
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    HttpHead(String startLine) {
        this.startLine = startLine;
    }

    /** {@code GET /chat HTTP/1.1} or {@code HTTP/1.1 101 Switching Protocols}. */
    static boolean looksLikeStartLine(String line) {
        return isStatusLine(line) || line.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+ \\S+ HTTP/\\d\\.\\d");
    }

    private static boolean isStatusLine(String line) {
        return line.matches("HTTP/\\d\\.\\d \\d{3}( .*)?");
    }

    void add(String name, String value) {
        fields.add(Map.entry(name, value));
    }

    String startLine() {
        return startLine;
    }

    List<Map.Entry<String, String>> fields() {
        return fields;
    }

    boolean isResponse() {
        return isStatusLine(startLine);
    }

    /** The request method; empty for a response. */
    String method() {
        return isResponse() ? "" : startLine.substring(0, startLine.indexOf(' '));
    }

    /** The status code; 0 for a request. */
    int status() {
        return isResponse() ? Integer.parseInt(startLine.substring(9, 12)) : 0;
    }

    Optional<String> first(String name) {
        return fields.stream().filter(field -> field.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** Comma-separated tokens across all fields called {@code name}, lower-cased and trimmed. */
    List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().equalsIgnoreCase(name)) {
                for (String token : field.getValue().split(",")) {
                    if (!token.isBlank()) {
                        tokens.add(token.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return tokens;
    }

    boolean hasToken(String name, String token) {
        return tokens(name).contains(token.toLowerCase(Locale.ROOT));
    }

    /** RFC 6455 §4.1: Upgrade: websocket and Connection: Upgrade. */
    boolean isWebSocketUpgrade() {
        return hasToken("Upgrade", "websocket") && hasToken("Connection", "upgrade");
    }

    /** RFC 9112 §6.1: chunked is the final transfer coding. */
    boolean isChunked() {
        List<String> codings = tokens("Transfer-Encoding");
        return !codings.isEmpty() && codings.getLast().equals("chunked");
    }

    /** RFC 9112 §6.3 item 5: a valid Content-Length, or -1 (absent), or -2 (present but invalid). */
    long contentLength() {
        Optional<String> value = first("Content-Length");
        if (value.isEmpty()) {
            return -1;
        }
        String text = value.get().trim();
        return text.matches("\\d{1,18}") ? Long.parseLong(text) : -2;
    }

    /** Server-Sent Events (HTML Living Standard §9.2): Content-Type text/event-stream. */
    boolean isEventStream() {
        return first("Content-Type").map(type -> type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")).orElse(false);
    }
}
