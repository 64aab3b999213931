package org.socketlab.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.junit.jupiter.api.AfterEach;
import org.socketlab.websocket.interop.JavaWebSocketPeers.EchoServer;
import org.socketlab.websocket.interop.JavaWebSocketPeers.RecordingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.InteropServer;
import org.socketlab.websocket.testing.Payloads;
import org.socketlab.websocket.testing.RecordingHandler;

/** Java-WebSocket 1.6.0's {@code PerMessageDeflateExtension} against our server, and our client against it. */
@Timeout(60)
class JavaWebSocketDeflateInteropTest {

    private static final long WAIT_MS = JavaWebSocketPeers.WAIT_MS;
    private static final List<Integer> SIZES = List.of(0, 125, 2048, 65_536, 1 << 20);

    private WebSocketServer ourServer;
    private EchoServer theirServer;

    @AfterEach
    void stop() throws InterruptedException {
        if (ourServer != null) {
            ourServer.stop(Duration.ofSeconds(2));
        }
        if (theirServer != null) {
            theirServer.stop(2_000);
        }
    }

    private static Draft_6455 deflateDraft() {
        return new Draft_6455(new PerMessageDeflateExtension());
    }

    @Test
    void theirClientAgainstOurServer_textBinaryAndFragments() throws Exception {
        ourServer = InteropServer.start(null, DeflateConfig.defaults());
        RecordingClient client = new RecordingClient(URI.create(ourServer.uri("/echo")), deflateDraft());
        assertThat(client.connectBlocking(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(((Draft_6455) client.getConnection().getDraft()).getExtension()).as("the extension Java-WebSocket agreed on")
                .isInstanceOf(PerMessageDeflateExtension.class);
        for (int size : SIZES) {
            client.send(Payloads.text(size));
            assertThat(client.next()).as("text echo of %d chars", size).isEqualTo(Payloads.text(size));
            client.send(Payloads.binary(size));
            assertThat(client.next()).as("binary echo of %d bytes", size).isEqualTo(Payloads.binary(size));
        }
        String part = "fragment ".repeat(300);
        client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(part.getBytes()), false);
        client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(part.getBytes()), true);
        assertThat(client.next()).isEqualTo(part + part);
        client.closeBlocking();
    }

    @Test
    void ourClientAgainstTheirServer_textBinaryAndFragments() throws Exception {
        theirServer = new EchoServer(deflateDraft());
        theirServer.start();
        assertThat(theirServer.started.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        RecordingHandler handler = new RecordingHandler();
        Session session = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + theirServer.getPort() + "/"), handler,
                ClientOptions.defaults().maxMessageSize(4L << 20)
                        .permessageDeflate(DeflateConfig.defaults().withServerNoContextTakeover(false)));
        assertThat(theirServer.extensions.poll(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo("PerMessageDeflateExtension");
        Duration wait = Duration.ofMillis(WAIT_MS);
        for (int size : SIZES) {
            session.sendText(Payloads.text(size));
            assertThat(handler.nextMessage(wait)).as("text echo of %d chars", size).isEqualTo(Payloads.text(size));
            session.sendBinary(ByteBuffer.wrap(Payloads.binary(size)));
            assertThat(handler.nextMessage(wait)).as("binary echo of %d bytes", size).isEqualTo(Payloads.binary(size));
        }
        session.close(1000, "bye");
        assertThat(session.closeFuture().get(WAIT_MS, TimeUnit.MILLISECONDS).code()).isEqualTo(1000);
    }
}
