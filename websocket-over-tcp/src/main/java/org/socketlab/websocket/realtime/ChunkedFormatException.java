package org.socketlab.websocket.realtime;

/** A chunked body broke RFC 9112 §7.1 or a limit of {@link ChunkedDecoder} (the server's fault). */
public class ChunkedFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChunkedFormatException(String message) {
        super(message);
    }
}
