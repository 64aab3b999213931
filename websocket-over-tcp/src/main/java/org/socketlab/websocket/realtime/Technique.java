package org.socketlab.websocket.realtime;

/** The five ways {@link RealtimeServer} delivers the same feed, with the path each lives on. */
public enum Technique {
    POLLING("polling", "/poll"),
    LONG_POLLING("long polling", "/long-poll"),
    STREAMING("streaming", "/stream"),
    SSE("SSE", "/sse"),
    WEBSOCKET("WebSocket", "/ws");

    private final String label;
    private final String path;

    Technique(String label, String path) {
        this.label = label;
        this.path = path;
    }

    public String label() {
        return label;
    }

    public String path() {
        return path;
    }

    /** The technique served on {@code path}, or null. */
    public static Technique forPath(String path) {
        for (Technique technique : values()) {
            if (technique.path.equals(path)) {
                return technique;
            }
        }
        return null;
    }
}
