package org.socketlab.websocket.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.frame.Opcode;

/**
 * Our client against a peer echo server that speaks "chat" and understands
 * {@code close:CODE:REASON}: every payload size as text and binary, a fragmented message,
 * ping/pong, and close codes in both directions.
 */
public final class ClientScenario {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ClientScenario() {
    }

    public static void run(URI uri, ClientOptions options) throws Exception {
        ClientOptions withChat = options.subprotocols("chat", "other").maxMessageSize(4L << 20);
        RecordingHandler handler = new RecordingHandler();
        Session session = WebSocketClient.connect(uri, handler, withChat);
        assertThat(session.subprotocol()).as("negotiated subprotocol").contains("chat");
        for (int size : Payloads.SIZES) {
            session.sendText(Payloads.text(size));
            assertThat(handler.nextMessage(WAIT)).as("text echo of %d chars", size).isEqualTo(Payloads.text(size));
            session.sendBinary(ByteBuffer.wrap(Payloads.binary(size)));
            assertThat(handler.nextMessage(WAIT)).as("binary echo of %d bytes", size).isEqualTo(Payloads.binary(size));
        }
        session.sendFragment(Opcode.TEXT, utf8("frag-"), false);
        session.sendFragment(Opcode.CONTINUATION, utf8("ment-"), false);
        session.sendFragment(Opcode.CONTINUATION, utf8("ed"), true);
        assertThat(handler.nextMessage(WAIT)).as("fragmented message").isEqualTo("frag-ment-ed");
        session.ping(utf8("heartbeat"));
        byte[] pong = handler.pongs.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(pong).as("pong payload").isEqualTo("heartbeat".getBytes(StandardCharsets.UTF_8));
        session.close(4001, "client-bye");
        CloseStatus status = session.closeFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(status.code()).as("close code echoed by the server").isEqualTo(4001);
        assertThat(status.clean()).as("closing handshake completed").isTrue();

        RecordingHandler second = new RecordingHandler();
        Session again = WebSocketClient.connect(uri, second, options);
        again.sendText("close:4002:server-bye");
        CloseStatus serverClose = again.closeFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(serverClose.code()).as("server-initiated close code").isEqualTo(4002);
        assertThat(serverClose.reason()).isEqualTo("server-bye");
        assertThat(serverClose.clean()).isTrue();
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
