package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.util.List;

/** Where the decoded bytes of one HTTP message body go: a preview, or an SSE event reader. */
interface BodySink {

    /** The next body bytes (already de-chunked); consume them all. */
    void accept(ByteBuffer data, List<String> out);

    /** The body ended; report what it held. */
    void end(List<String> out);

    /** Counts the body and shows its first bytes when it ends. */
    static BodySink preview() {
        return new BodySink() {
            private final ByteBuffer shown = ByteBuffer.allocate(Preview.LIMIT);
            private long total;

            @Override
            public void accept(ByteBuffer data, List<String> out) {
                total += data.remaining();
                ByteBuffer head = data.slice(data.position(), Math.min(data.remaining(), shown.remaining()));
                shown.put(head);
                data.position(data.limit());
            }

            @Override
            public void end(List<String> out) {
                ByteBuffer bytes = shown.duplicate().flip();
                if (total == 0) {
                    out.add("body: empty");
                } else {
                    out.add("body: " + total + " bytes "
                            + (Preview.looksLikeText(bytes) ? Preview.text(bytes, total) : Preview.hex(bytes, total)));
                }
            }
        };
    }
}
