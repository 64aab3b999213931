package org.socketlab.websocket.frame;

/**
 * The peer broke a rule of RFC 6455. It carries the close code the connection must be
 * failed with (RFC 6455 §7.1.7), e.g. 1002 for a framing error, 1007 for invalid UTF-8,
 * 1009 for a message over the configured limit.
 */
public class WebSocketProtocolException extends WebSocketException {

    private static final long serialVersionUID = 1L;

    public WebSocketProtocolException(CloseCode closeCode, String message) {
        super(closeCode, message, null);
    }

    public WebSocketProtocolException(CloseCode closeCode, String message, Throwable cause) {
        super(closeCode, message, cause);
    }
}
