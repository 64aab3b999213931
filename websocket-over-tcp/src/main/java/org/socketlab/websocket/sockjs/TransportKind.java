package org.socketlab.websocket.sockjs;

import java.util.Optional;

/**
 * The session URLs of SockJS 0.3.3, {@code <prefix>/<server>/<session>/<name>}, and how each
 * one writes frames. Receiving transports hold a request open for frames (polling: one batch,
 * streaming: many, until the byte limit); sending transports carry the client's messages in.
 * Pure.
 */
public enum TransportKind {

    /** xhr-polling: one batch per POST, each frame ends with a newline. */
    XHR("xhr", "POST", Role.POLLING, "application/javascript; charset=UTF-8"),
    /** xhr-streaming: a 2 KiB prelude of {@code h} (old browsers show nothing before it), frames end with a newline. */
    XHR_STREAMING("xhr_streaming", "POST", Role.STREAMING, "application/javascript; charset=UTF-8"),
    /** EventSource: a newline prelude (an Opera bug), then one {@code data:} event per frame. */
    EVENTSOURCE("eventsource", "GET", Role.STREAMING, "text/event-stream; charset=UTF-8"),
    /** htmlfile: a page of at least 1 KiB calling {@code parent.<callback>}, then a script per frame. */
    HTMLFILE("htmlfile", "GET", Role.STREAMING, "text/html; charset=UTF-8"),
    /** jsonp-polling: {@code callback("frame");} per GET. */
    JSONP("jsonp", "GET", Role.POLLING, "application/javascript; charset=UTF-8"),
    /** The client's messages for the xhr transports: a JSON array of strings, answered 204. */
    XHR_SEND("xhr_send", "POST", Role.SENDING, "text/plain; charset=UTF-8"),
    /** The client's messages for the jsonp transports: form-encoded {@code d=} or a raw body, answered {@code ok}. */
    JSONP_SEND("jsonp_send", "POST", Role.SENDING, "text/plain; charset=UTF-8"),
    /** SockJS framing over a WebSocket: each frame one text message. */
    WEBSOCKET("websocket", "GET", Role.WEBSOCKET, "");

    /** What a transport does for the session. */
    public enum Role { POLLING, STREAMING, SENDING, WEBSOCKET }

    /** The {@code h} prelude of xhr-streaming: 2048 of them and a newline. */
    static final String XHR_STREAMING_PRELUDE = "h".repeat(2048) + "\n";

    private final String urlName;
    private final String method;
    private final Role role;
    private final String contentType;

    TransportKind(String urlName, String method, Role role, String contentType) {
        this.urlName = urlName;
        this.method = method;
        this.role = role;
        this.contentType = contentType;
    }

    /** The transport named by the last URL segment (exact, case-sensitive), if any. */
    public static Optional<TransportKind> byUrlName(String name) {
        for (TransportKind kind : values()) {
            if (kind.urlName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public String urlName() {
        return urlName;
    }

    /** The one method the transport answers (besides OPTIONS for the xhr ones). */
    public String method() {
        return method;
    }

    public Role role() {
        return role;
    }

    public String contentType() {
        return contentType;
    }

    /** The xhr transports are called cross-origin with CORS; they answer OPTIONS preflights. */
    public boolean corsPreflight() {
        return this == XHR || this == XHR_STREAMING || this == XHR_SEND;
    }

    /** htmlfile and jsonp name a JavaScript function in {@code ?c=}. */
    public boolean needsCallback() {
        return this == HTMLFILE || this == JSONP;
    }

    /** What a streaming response starts with before the first frame; empty for the others. */
    public String prelude(String callback) {
        return switch (this) {
            case XHR_STREAMING -> XHR_STREAMING_PRELUDE;
            case EVENTSOURCE -> "\r\n";
            case HTMLFILE -> HtmlFilePage.prelude(callback);
            default -> "";
        };
    }

    /** One frame as this transport writes it. */
    public String encode(SockJsFrame frame, String callback) {
        return switch (this) {
            case XHR, XHR_STREAMING -> frame.text() + "\n";
            case EVENTSOURCE -> "data: " + frame.text() + "\r\n\r\n";
            case HTMLFILE -> "<script>\np(" + SockJsJson.quote(frame.text()) + ");\n</script>\r\n";
            case JSONP -> callback + "(" + SockJsJson.quote(frame.text()) + ");\r\n";
            case WEBSOCKET -> frame.text();
            case XHR_SEND, JSONP_SEND -> throw new IllegalStateException(this + " carries no frames to the client");
        };
    }
}
