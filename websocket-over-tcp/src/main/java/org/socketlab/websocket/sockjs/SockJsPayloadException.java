package org.socketlab.websocket.sockjs;

/**
 * A client sent messages SockJS cannot read (the peer's fault). The message is the exact text
 * the protocol puts in the 500 response body ("Payload expected." or "Broken JSON encoding.");
 * {@link #detail()} says what was wrong, for the log.
 */
public final class SockJsPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String detail;

    private SockJsPayloadException(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    static SockJsPayloadException payloadExpected() {
        return new SockJsPayloadException("Payload expected.", "the request has no payload (SockJS 0.3.3, xhr_send)");
    }

    static SockJsPayloadException brokenJson(String detail) {
        return new SockJsPayloadException("Broken JSON encoding.", detail + " (SockJS 0.3.3: a JSON array of strings)");
    }

    public String detail() {
        return detail;
    }
}
