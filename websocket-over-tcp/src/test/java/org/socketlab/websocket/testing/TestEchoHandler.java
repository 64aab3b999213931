package org.socketlab.websocket.testing;

import java.nio.ByteBuffer;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;

/**
 * Echoes every message; the text command {@code close:CODE:REASON} makes it close with that
 * code instead (so peers can observe a server-initiated close).
 */
public class TestEchoHandler implements WebSocketHandler {

    @Override
    public void onText(Session session, String text) {
        if (text.startsWith("close:")) {
            String[] parts = text.split(":", 3);
            session.close(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "");
            return;
        }
        session.sendText(text);
    }

    @Override
    public void onBinary(Session session, ByteBuffer data) {
        session.sendBinary(data);
    }
}
