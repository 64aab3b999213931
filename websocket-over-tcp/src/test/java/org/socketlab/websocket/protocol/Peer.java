package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;

/** The other end of a connection under test: encodes what it sends, decodes what we wrote. */
final class Peer {

    final Role role;
    private final FrameEncoder encoder;
    private final FrameDecoder decoder;

    Peer(Role role) {
        this.role = role;
        this.encoder = new FrameEncoder(role, MaskKeySource.fixed(0x11223344));
        this.decoder = new FrameDecoder(role, Integer.MAX_VALUE - 8, 0);
    }

    /** Wire bytes of these frames, concatenated. */
    byte[] wire(Frame... frames) {
        ByteBuffer out = ByteBuffer.allocate(java.util.Arrays.stream(frames).mapToInt(encoder::encodedLength).sum());
        for (Frame frame : frames) {
            encoder.encode(frame, out);
        }
        return out.array();
    }

    /**
     * Wire bytes of these frames without the encoder's sender-side checks, so that a test can
     * send what a broken or hostile peer would: 126-byte pings, fragmented control frames.
     */
    byte[] wireUnchecked(List<Frame> frames) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Frame frame : frames) {
            byte[] payload = frame.payloadBytes();
            boolean masked = role == Role.CLIENT;
            out.write((frame.fin() ? 0x80 : 0) | frame.rsvBits() | frame.opcode().code());
            int maskBit = masked ? 0x80 : 0;
            if (payload.length <= 125) {
                out.write(maskBit | payload.length);
            } else if (payload.length <= 0xFFFF) {
                out.write(maskBit | 126);
                out.write(payload.length >> 8);
                out.write(payload.length);
            } else {
                out.write(maskBit | 127);
                out.writeBytes(ByteBuffer.allocate(8).putLong(0, payload.length).array());
            }
            if (masked) {
                int key = 0x5A17C0DE;
                out.writeBytes(ByteBuffer.allocate(4).putInt(0, key).array());
                org.socketlab.websocket.frame.Masking.applySimple(ByteBuffer.wrap(payload), key, 0);
            }
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /** Frames the protocol under test wrote, decoded as this peer would. */
    List<Frame> read(List<ByteBuffer> written) throws WebSocketProtocolException {
        List<Frame> frames = new ArrayList<>();
        for (ByteBuffer buffer : written) {
            Frame frame;
            while ((frame = decoder.decode(buffer)) != null) {
                frames.add(new Frame(frame.fin(), frame.rsv1(), frame.rsv2(), frame.rsv3(), frame.opcode(),
                        ByteBuffer.wrap(frame.payloadBytes())));
            }
        }
        return frames;
    }

    static Frame fragment(Opcode opcode, String text, boolean fin) {
        return Frame.of(opcode, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), fin);
    }

    static Frame rawClose(int code) {
        return Frame.of(Opcode.CLOSE, ByteBuffer.allocate(2).putShort(0, (short) code), true);
    }

    static Frame close(int code) {
        return Frame.close(CloseCode.of(code), "");
    }
}
