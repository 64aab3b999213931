package org.socketlab.tcp.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class MessageStreamTest {

    /** An input stream that returns at most one byte per read(), like a very slow network. */
    private static InputStream oneByteAtATime(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };
    }

    @Test
    void readsLinesDeliveredOneByteAtATime() throws IOException {
        MessageStream stream = new MessageStream(oneByteAtATime("a\nbc\n".getBytes()),
                new ByteArrayOutputStream(), new LineFramer(), 16);
        assertThat(stream.read()).asString().isEqualTo("a");
        assertThat(stream.read()).asString().isEqualTo("bc");
        assertThat(stream.read()).as("clean end between messages").isNull();
    }

    @Test
    void endOfStreamInsideAMessage_isAnEofException() {
        MessageStream stream = new MessageStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 9, 1, 2}),
                new ByteArrayOutputStream(), new LengthPrefixFramer(), 16);
        assertThatThrownBy(stream::read).isInstanceOf(EOFException.class)
                .hasMessage("connection closed after 6 bytes of an unfinished message");
    }

    @Test
    void writeFramesTheMessage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageStream(InputStream.nullInputStream(), out, new LengthPrefixFramer(), 16).write(new byte[] {7});
        assertThat(out.toByteArray()).containsExactly(0, 0, 0, 1, 7);
    }
}
