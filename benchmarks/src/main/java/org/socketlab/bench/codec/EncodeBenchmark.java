package org.socketlab.bench.codec;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.framing.BinaryFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;

/**
 * Encode of one binary frame: a server's (unmasked) and a client's (masked with a fresh key from
 * each library's production key source). Each implementation's output goes to the Blackhole.
 *
 * <p>Unmasked: like Netty (which keeps payloads over 1 KiB out of its header buffer), our server
 * path copies small payloads into one buffer and, for larger ones, writes only the header into a
 * reused buffer so the socket can do a gathering write of {@code [header, payload]} — the payload
 * is never copied. Masked: the payload must be transformed, so it is copied and masked in one pass.
 */
public class EncodeBenchmark extends CodecBenchmark {

    /** Netty's WebSocket08FrameEncoder.GATHERING_WRITE_THRESHOLD; we use the same rule. */
    static final int GATHERING_WRITE_THRESHOLD = 1024;

    @Param({"16", "125", "1024", "65536", "1048576"})
    public int size;

    private byte[] payload;
    private Frame ourFrame;
    private ByteBuffer ourOut;
    private FrameEncoder ourServer;
    private FrameEncoder ourClient;

    private BinaryWebSocketFrame nettyFrame;
    private NettyCodecs.DirectEncoder nettyServer;
    private NettyCodecs.DirectEncoder nettyClient;
    private final List<Object> nettyOut = new ArrayList<>(2);

    private BinaryFrame jwsFrame;
    private Draft_6455 jwsServer;
    private Draft_6455 jwsClient;

    private byte[] copyTarget;

    @Setup(Level.Trial)
    public void setUp() {
        payload = WireFrames.payload(size);
        ourFrame = Frame.binary(ByteBuffer.wrap(payload));
        ourOut = ByteBuffer.allocate(size + 14);
        ourServer = new FrameEncoder(org.socketlab.websocket.frame.Role.SERVER, null);
        ourClient = new FrameEncoder(org.socketlab.websocket.frame.Role.CLIENT, MaskKeySource.secureRandom());

        nettyFrame = new BinaryWebSocketFrame(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(payload)));
        nettyServer = new NettyCodecs.DirectEncoder(false);
        nettyClient = new NettyCodecs.DirectEncoder(true);

        jwsFrame = new BinaryFrame();
        jwsFrame.setFin(true);
        jwsFrame.setPayload(ByteBuffer.wrap(payload));
        jwsServer = new Draft_6455();
        jwsServer.setParseMode(Role.SERVER);
        jwsClient = new Draft_6455();
        jwsClient.setParseMode(Role.CLIENT);

        copyTarget = new byte[size];
    }

    @Benchmark
    public void socketlabServer(Blackhole bh) {
        ourOut.clear();
        if (size <= GATHERING_WRITE_THRESHOLD) {
            ourServer.encode(ourFrame, ourOut);
        } else {
            ourServer.encodeHeader(ourFrame, ourOut);
            bh.consume(ourFrame.payload()); // the second buffer of the gathering write
        }
        bh.consume(ourOut);
    }

    @Benchmark
    public void socketlabClient(Blackhole bh) {
        ourOut.clear();
        ourClient.encode(ourFrame, ourOut);
        bh.consume(ourOut);
    }

    @Benchmark
    public void nettyServer(Blackhole bh) throws Exception {
        nettyEncode(nettyServer, bh);
    }

    @Benchmark
    public void nettyClient(Blackhole bh) throws Exception {
        nettyEncode(nettyClient, bh);
    }

    private void nettyEncode(NettyCodecs.DirectEncoder encoder, Blackhole bh) throws Exception {
        encoder.encodeDirect(nettyFrame, nettyOut);
        for (int i = 0; i < nettyOut.size(); i++) {
            Object part = nettyOut.get(i);
            bh.consume(part);
            ReferenceCountUtil.release(part);
        }
        nettyOut.clear();
    }

    @Benchmark
    public void javaWebSocketServer(Blackhole bh) {
        jwsFrame.getPayloadData().position(0);
        bh.consume(jwsServer.createBinaryFrame(jwsFrame));
    }

    @Benchmark
    public void javaWebSocketClient(Blackhole bh) {
        jwsFrame.getPayloadData().position(0); // its masked path consumes the payload buffer
        bh.consume(jwsClient.createBinaryFrame(jwsFrame));
    }

    @Benchmark
    public void baselineArraycopy(Blackhole bh) {
        System.arraycopy(payload, 0, copyTarget, 0, size);
        bh.consume(copyTarget);
    }
}
