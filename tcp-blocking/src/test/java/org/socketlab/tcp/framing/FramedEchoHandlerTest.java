package org.socketlab.tcp.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.tcp.TcpServer;

@Timeout(20)
class FramedEchoHandlerTest {

    private static void assertMessagesSurviveOneBigWrite(Supplier<MessageFramer> framers) throws IOException {
        try (TcpServer server = TcpServer.builder().handler(new FramedEchoHandler(framers)).start();
             Socket client = new Socket()) {
            client.setSoTimeout(5000);
            client.connect(server.localAddress(), 5000);
            MessageFramer framer = framers.get();
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 50; i++) {
                ByteBuffer framed = framer.encode(("message " + i).getBytes(StandardCharsets.UTF_8));
                batch.write(framed.array(), 0, framed.remaining());
            }
            MessageStream replies = MessageStream.of(client, framers.get());
            client.getOutputStream().write(batch.toByteArray());     // 50 messages, ONE write()
            client.shutdownOutput();

            for (int i = 0; i < 50; i++) {
                assertThat(replies.read()).asString().isEqualTo("message " + i);
            }
            assertThat(replies.read()).isNull();
        }
    }

    @Test
    void lineFraming_recoversEveryMessageFromOneCoalescedWrite() throws IOException {
        assertMessagesSurviveOneBigWrite(LineFramer::new);
    }

    @Test
    void lengthPrefixFraming_recoversEveryMessageFromOneCoalescedWrite() throws IOException {
        assertMessagesSurviveOneBigWrite(LengthPrefixFramer::new);
    }
}
