package org.socketlab.bench.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.internal.Parser;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.framing.Framedata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import org.socketlab.websocket.frame.DecodedFrame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.WebSocketProtocolException;

/**
 * Server side decode of one masked client-to-server binary frame (RFC 6455 §5.2, §5.3): parse the
 * header, unmask the payload into a buffer the application can use. Every implementation gets
 * the same wire bytes and hands its payload buffer to the Blackhole.
 *
 * <p>Our decoder and Jetty's parser unmask <em>in place</em> in the read buffer; the benchmark
 * decodes the same buffer again on the next call, so the payload alternates between masked and
 * clear bytes — the work per call (header + one XOR pass) is identical. Netty and Java-WebSocket
 * copy the payload into a new buffer and unmask it there, which is their design and is measured
 * as such. The baselines bound the work: {@code baselineArraycopy} copies the payload once
 * (the memory-copy limit), {@code baselineNaiveUnmask} is the byte-at-a-time loop a student writes.
 */
public class DecodeBenchmark extends CodecBenchmark {

    @Param({"16", "125", "1024", "65536", "1048576"})
    public int size;

    private byte[] payload;
    private byte[] wire;
    private int headerLength;

    private ByteBuffer ourInput;
    private FrameDecoder ourDecoder;
    private final DecodedFrame ourFrame = new DecodedFrame();

    private ByteBuffer jettyInput;
    private Parser jettyParser;

    private ByteBuf nettyInput;
    private NettyCodecs.DirectDecoder nettyDirect;
    private final List<Object> nettyOut = new ArrayList<>(1);
    private EmbeddedChannel nettyChannel;

    private ByteBuffer jwsInput;
    private Draft_6455 jwsDraft;

    private byte[] copyTarget;
    private byte[] naiveTarget;

    @Setup(Level.Trial)
    public void setUp() {
        payload = WireFrames.payload(size);
        wire = WireFrames.binaryFrame(payload, true);
        headerLength = wire.length - size;
        int maxPayload = Math.max(size, 1 << 21);

        ourInput = ByteBuffer.wrap(wire.clone());
        ourDecoder = new FrameDecoder(org.socketlab.websocket.frame.Role.SERVER, maxPayload, 0);

        Configuration.ConfigurationCustomizer jettyConfig = new Configuration.ConfigurationCustomizer();
        jettyConfig.setMaxFrameSize(maxPayload);
        jettyInput = ByteBuffer.wrap(wire.clone());
        jettyParser = new Parser(ByteBufferPool.NON_POOLING, jettyConfig);

        nettyInput = Unpooled.wrappedBuffer(wire.clone());
        nettyDirect = new NettyCodecs.DirectDecoder(NettyCodecs.serverConfig(maxPayload));
        nettyChannel = new EmbeddedChannel(new WebSocket08FrameDecoder(NettyCodecs.serverConfig(maxPayload)));

        jwsInput = ByteBuffer.wrap(wire.clone());
        jwsDraft = new Draft_6455();
        jwsDraft.setParseMode(Role.SERVER);

        copyTarget = new byte[size];
        naiveTarget = wire.clone();
    }

    /** The protocol's path: one {@code next} call, a whole frame unmasked in place in the input. */
    @Benchmark
    public void socketlab(Blackhole bh) throws WebSocketProtocolException {
        ourInput.clear();
        if (ourDecoder.next(ourInput) != FrameDecoder.Step.FRAME) {
            throw new IllegalStateException("a whole frame was present but none was decoded");
        }
        bh.consume(ourDecoder.chunkBuffer());
        bh.consume(ourDecoder.chunkLength());
    }

    /** The whole-frame convenience that fills a reused {@code DecodedFrame} view. */
    @Benchmark
    public void socketlabDecodedFrame(Blackhole bh) throws WebSocketProtocolException {
        ourInput.clear();
        if (!ourDecoder.decode(ourInput, ourFrame)) {
            throw new IllegalStateException("a whole frame was present but none was decoded");
        }
        bh.consume(ourFrame.buffer());
        bh.consume(ourFrame.payloadLength());
    }

    /** The convenience API that returns an immutable {@code Frame} record over a payload slice. */
    @Benchmark
    public void socketlabFrameRecord(Blackhole bh) throws WebSocketProtocolException {
        ourInput.clear();
        bh.consume(ourDecoder.decode(ourInput).payload());
    }

    @Benchmark
    public void jetty(Blackhole bh) {
        jettyInput.clear();
        Frame.Parsed frame = jettyParser.parse(jettyInput);
        bh.consume(frame.getPayload());
        frame.close();
    }

    @Benchmark
    public void nettyDirect(Blackhole bh) throws Exception {
        nettyInput.readerIndex(0);
        nettyDirect.decodeDirect(nettyInput, nettyOut);
        WebSocketFrame frame = (WebSocketFrame) nettyOut.get(0);
        bh.consume(frame.content());
        frame.release();
        nettyOut.clear();
    }

    @Benchmark
    public void nettyEmbeddedChannel(Blackhole bh) {
        nettyChannel.writeInbound(Unpooled.wrappedBuffer(wire));
        WebSocketFrame frame = nettyChannel.readInbound();
        bh.consume(frame.content());
        ReferenceCountUtil.release(frame);
    }

    @Benchmark
    public void javaWebSocket(Blackhole bh) throws Exception {
        jwsInput.clear();
        List<Framedata> frames = jwsDraft.translateFrame(jwsInput);
        bh.consume(frames.get(0).getPayloadData());
    }

    @Benchmark
    public void baselineArraycopy(Blackhole bh) {
        System.arraycopy(wire, headerLength, copyTarget, 0, size);
        bh.consume(copyTarget);
    }

    @Benchmark
    public void baselineNaiveUnmask(Blackhole bh) {
        byte[] bytes = naiveTarget;
        int key = WireFrames.MASK_KEY;
        for (int i = 0; i < size; i++) {
            bytes[headerLength + i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
        bh.consume(bytes);
    }
}
