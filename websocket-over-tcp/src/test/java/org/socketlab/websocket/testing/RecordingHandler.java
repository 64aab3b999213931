package org.socketlab.websocket.testing;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.frame.CloseStatus;

/** Records every callback so a test can wait for it (always with a timeout). */
public class RecordingHandler implements WebSocketHandler {

    public final CompletableFuture<Session> opened = new CompletableFuture<>();
    public final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    public final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    public final LinkedBlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    public final LinkedBlockingQueue<byte[]> pings = new LinkedBlockingQueue<>();
    public final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onOpen(Session session) {
        opened.complete(session);
    }

    @Override
    public void onText(Session session, String text) {
        messages.add(text);
    }

    @Override
    public void onBinary(Session session, ByteBuffer data) {
        messages.add(bytes(data));
    }

    @Override
    public void onPing(Session session, ByteBuffer payload) {
        pings.add(bytes(payload));
    }

    @Override
    public void onPong(Session session, ByteBuffer payload) {
        pongs.add(bytes(payload));
    }

    @Override
    public void onClose(Session session, CloseStatus status) {
        closed.complete(status);
    }

    @Override
    public void onError(Session session, Throwable error) {
        errors.add(error);
    }

    public Object nextMessage(Duration timeout) throws InterruptedException {
        Object message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout + "; errors so far: " + errors);
        }
        return message;
    }

    public static byte[] bytes(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }
}
