package org.socketlab.websocket.realtime.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.handshake.ClientHandshake;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.Tick;

/**
 * {@code GET /ws} with an Upgrade (RFC 6455 §4.1), then frames both ways on the same socket:
 * every tick arrives as one text frame (2 header bytes from the server, RFC 6455 §5.2), and
 * {@link #send(String)} goes the other way (masked, so 6 header bytes, §5.3). Pings are answered;
 * a close frame is echoed (§5.5.1). Kept small on purpose: the full client is
 * {@code org.socketlab.websocket.client.WebSocketClient}.
 */
public final class WebSocketTickerClient extends TickerClient {

    private final LinkedBlockingQueue<String> otherMessages = new LinkedBlockingQueue<>();
    private final FrameEncoder encoder = new FrameEncoder(Role.CLIENT, MaskKeySource.secureRandom());
    private volatile RawHttpConnection connection;

    WebSocketTickerClient(TickerClientOptions options, ClientStats stats, Consumer<Tick> listener) {
        super(options, stats, listener);
    }

    @Override
    public Technique technique() {
        return Technique.WEBSOCKET;
    }

    @Override
    protected void runSession() throws IOException, InterruptedException {
        try (RawHttpConnection opened = connect()) {
            ClientHandshake handshake = ClientHandshake.builder()
                    .hostHeader(options.host() + ":" + options.port())
                    .target("/ws?since=" + lastId)
                    .build();
            opened.sendBytes(handshake.requestBytes());
            stats.request();
            HttpResponse response = opened.readResponse();
            if (response == null) {
                throw new IOException("server closed during the opening handshake");
            }
            try {
                handshake.validate(response);
            } catch (HttpException refused) {
                throw new IOException("handshake refused: " + refused.getMessage(), refused);
            }
            opened(opened);
            readFrames(opened, opened.leftover());
        } finally {
            connection = null;
        }
    }

    private void readFrames(RawHttpConnection opened, ByteBuffer first) throws IOException {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, 1 << 20, 0);
        ByteBuffer in = first;
        try {
            while (in != null) {
                Frame frame;
                while ((frame = decoder.decode(in)) != null) {
                    if (!handle(opened, frame)) {
                        return;
                    }
                }
                in = opened.readBody();
            }
        } catch (WebSocketProtocolException violation) {
            writeFrame(opened, Frame.close(violation.closeCode(), ""));
            throw new IOException(violation.getMessage(), violation);
        }
    }

    /** Returns false once the closing handshake is done. */
    private boolean handle(RawHttpConnection opened, Frame frame) throws IOException {
        Opcode opcode = frame.opcode();
        if (opcode == Opcode.TEXT) {
            String text = frame.payloadText();
            if (text.startsWith("{")) {
                deliver(Tick.fromJson(text), text.length());
            } else {
                otherMessages.add(text);
            }
        } else if (opcode == Opcode.PING) {
            writeFrame(opened, Frame.pong(frame.payload()));
        } else if (opcode == Opcode.CLOSE) {
            writeFrame(opened, Frame.close(CloseCode.NORMAL_CLOSURE, ""));
            return false;
        }
        return true;
    }

    /** Sends a text message upstream — the direction SSE and streaming do not have. */
    public void send(String text) throws IOException {
        RawHttpConnection open = connection;
        if (open == null) {
            throw new IllegalStateException("the WebSocket is not open");
        }
        writeFrame(open, Frame.text(text));
    }

    /** The reader (pongs, close) and senders share the socket: one frame at a time. */
    private void writeFrame(RawHttpConnection target, Frame frame) throws IOException {
        synchronized (encoder) {
            target.sendBytes(bytes(encoder.encode(frame)));
        }
    }

    /** Text messages that were not ticks (e.g. the server's {@code ack: …} answers). */
    public LinkedBlockingQueue<String> otherMessages() {
        return otherMessages;
    }

    private synchronized void opened(RawHttpConnection opened) {
        connection = opened;
        notifyAll();
    }

    /**
     * Waits until the handshake is done: the server may count the subscriber as soon as it
     * has written its 101, before this client has read and checked it.
     *
     * @return true when open, false when the timeout passed first
     */
    public synchronized boolean awaitOpen(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connection == null) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    /** True while the handshake is done and the connection open. */
    public boolean isOpen() {
        return connection != null;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
