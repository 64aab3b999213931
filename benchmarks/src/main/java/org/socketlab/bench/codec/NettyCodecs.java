package org.socketlab.bench.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Netty 4.1's RFC 6455 codec, opened up so a benchmark can call {@code decode}/{@code encode}
 * directly (skipping the pipeline) with the context of a real {@link EmbeddedChannel}.
 */
final class NettyCodecs {

    private NettyCodecs() {
    }

    /** What a Netty server configures: masked client frames required, frames up to {@code maxPayload}. */
    static WebSocketDecoderConfig serverConfig(int maxPayload) {
        return WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .maxFramePayloadLength(maxPayload)
                .build();
    }

    /** The decoder with its {@code decode} method public. */
    static final class DirectDecoder extends WebSocket08FrameDecoder {
        private final ChannelHandlerContext context;

        DirectDecoder(WebSocketDecoderConfig config) {
            super(config);
            EmbeddedChannel channel = new EmbeddedChannel(this);
            this.context = channel.pipeline().context(this);
        }

        void decodeDirect(ByteBuf in, List<Object> out) throws Exception {
            decode(context, in, out);
        }
    }

    /** The encoder with its {@code encode} method public. */
    static final class DirectEncoder extends WebSocket08FrameEncoder {
        private final ChannelHandlerContext context;

        DirectEncoder(boolean maskPayload) {
            super(maskPayload);
            EmbeddedChannel channel = new EmbeddedChannel(this);
            this.context = channel.pipeline().context(this);
        }

        void encodeDirect(WebSocketFrame frame, List<Object> out) throws Exception {
            encode(context, frame, out);
        }
    }
}
