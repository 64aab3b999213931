package org.socketlab.websocket.realtime;

/** An event stream broke a limit of {@link SseParser} (the server's fault). */
public class SseFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public SseFormatException(String message) {
        super(message);
    }
}
