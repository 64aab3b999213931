package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.extension.DeflateParameters;
import org.socketlab.websocket.extension.MessageDeflater;
import org.socketlab.websocket.extension.MessageInflater;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;

/**
 * permessage-deflate (RFC 7692) on one connection whose handshake agreed to it: the outgoing
 * side decides message by message whether to compress (§6: RSV1 on the first frame of a
 * compressed message only), the incoming side inflates the messages the peer marked with RSV1.
 *
 * <p>Without context takeover in a direction the zlib state of that direction is released after
 * every message (it is created again by the next one), so an idle connection holds none of it.
 *
 * <p>Not thread-safe; owned by one {@link WebSocketProtocol}.
 */
final class PerMessageDeflate {

    private final MessageDeflater deflater;
    private final MessageInflater inflater;
    private final int minCompressSize;
    /**
     * False when the peer limited our compressor's window below 15 bits (RFC 7692 §7.1.2):
     * {@code java.util.zip} always uses a 32 KiB window, so we keep the limit by not compressing.
     */
    private final boolean mayCompress;
    /** While we send a fragmented message: whether its fragments are compressed. */
    private boolean compressingFragments;

    PerMessageDeflate(Role localRole, DeflateParameters agreed, DeflateConfig local, long maxMessageSize) {
        boolean weAreServer = localRole == Role.SERVER;
        this.deflater = MessageDeflater.forSender(agreed, weAreServer, local);
        this.inflater = MessageInflater.forReceiver(agreed, !weAreServer, maxMessageSize);
        this.minCompressSize = local.minCompressSize();
        int ourWindowBits = weAreServer ? agreed.serverMaxWindowBits() : agreed.clientMaxWindowBits();
        this.mayCompress = ourWindowBits == DeflateParameters.MAX_WINDOW_BITS;
    }

    // ---------------------------------------------------------------- sending

    /** A whole text message: compressed with RSV1 when it is at least {@code minCompressSize} bytes. */
    Frame text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return !worthCompressing(utf8.length) ? Frame.text(text) : compressed(Opcode.TEXT, ByteBuffer.wrap(utf8));
    }

    /** A whole binary message, likewise. */
    Frame binary(ByteBuffer data) {
        return !worthCompressing(data.remaining()) ? Frame.binary(data) : compressed(Opcode.BINARY, data.duplicate());
    }

    /**
     * One fragment of a message we send. The first fragment decides (its size against
     * {@code minCompressSize}) whether the whole message is compressed; only that first fragment
     * carries RSV1 (§6.1), and the continuation fragments are compressed with the same stream.
     */
    Frame fragment(Opcode opcodeOrContinuation, ByteBuffer data, boolean fin) {
        boolean first = opcodeOrContinuation != Opcode.CONTINUATION;
        if (first) {
            compressingFragments = worthCompressing(data.remaining());
        }
        if (!compressingFragments) {
            return Frame.of(opcodeOrContinuation, data, fin);
        }
        ByteBuffer payload = deflater.compress(data.duplicate(), fin);
        if (fin) {
            deflater.release();
        }
        return new Frame(fin, first, false, false, opcodeOrContinuation, payload);
    }

    /** §6: compression is decided message by message; RSV1 clear means "sent as it is". */
    private boolean worthCompressing(int size) {
        return mayCompress && size >= minCompressSize;
    }

    private Frame compressed(Opcode opcode, ByteBuffer data) {
        ByteBuffer payload = deflater.compress(data);
        deflater.release(); // frees zlib's state when no context is taken over
        return new Frame(true, true, false, false, opcode, payload);
    }

    // ---------------------------------------------------------------- receiving

    /** The next compressed piece of an incoming message; the inflated size is bounded as it grows. */
    void inflate(ByteBuffer buffer, int offset, int length) throws WebSocketProtocolException {
        inflater.feed(buffer.slice(offset, length));
    }

    /** The end of an incoming compressed message: the tail restored (§7.2.2), the message returned. */
    ByteBuffer finishMessage() throws WebSocketProtocolException {
        ByteBuffer message = inflater.finish();
        inflater.release();
        return message;
    }

    /** The connection is over: native zlib memory is freed now rather than at garbage collection. */
    void close() {
        deflater.close();
        inflater.close();
    }
}
