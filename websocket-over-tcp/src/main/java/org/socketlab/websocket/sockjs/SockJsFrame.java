package org.socketlab.websocket.sockjs;

import java.util.List;
import java.util.Objects;

/**
 * One frame the server sends (SockJS 0.3.3, "Framing accepted by the client"): {@code o} open,
 * {@code h} heartbeat, {@code a[...]} an array of JSON-quoted messages, {@code c[code,"reason"]}
 * close. {@link #text()} is the frame as written by the WebSocket transport; the HTTP transports
 * wrap it ({@link TransportKind#encode}). Immutable.
 *
 * @param text the frame, e.g. {@code a["hi"]}
 */
public record SockJsFrame(String text) {

    public static final SockJsFrame OPEN = new SockJsFrame("o");
    public static final SockJsFrame HEARTBEAT = new SockJsFrame("h");
    /** Sent to a second receiving request while one is open on the session. */
    public static final SockJsFrame ANOTHER_CONNECTION = close(2010, "Another connection still open");
    /** What a session says once a receiving request broke off (the network, not the server, ended it). */
    public static final SockJsFrame INTERRUPTED = close(1002, "Connection interrupted");

    public SockJsFrame {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || "ohac".indexOf(text.charAt(0)) < 0) {
            throw new IllegalArgumentException("a SockJS frame starts with o, h, a or c, got \"" + text + "\"");
        }
    }

    /** {@code a[...]}: the messages in order, each JSON-quoted with the SockJS escapes. */
    public static SockJsFrame messages(List<String> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a message frame carries at least one message");
        }
        StringBuilder out = new StringBuilder(16 + messages.stream().mapToInt(String::length).sum());
        out.append("a[");
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            SockJsJson.appendQuoted(out, messages.get(i));
        }
        return new SockJsFrame(out.append(']').toString());
    }

    /** {@code c[code,"reason"]}. */
    public static SockJsFrame close(int code, String reason) {
        return new SockJsFrame("c[" + code + "," + SockJsJson.quote(reason) + "]");
    }

    public boolean isClose() {
        return text.charAt(0) == 'c';
    }
}
