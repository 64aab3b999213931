package org.socketlab.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The peer server for the load runs, written the way Netty's own WebSocket examples are:
 * NIO event loops (one acceptor, Netty's default number of workers), HttpServerCodec +
 * aggregator for the upgrade, WebSocketServerProtocolHandler for the handshake, pings and close,
 * and a handler that writes every data frame back.
 */
final class NettyEchoServer implements EchoServerProcess.Server {

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup();
    private final Channel channel;

    NettyEchoServer(String host, int port, String path) throws InterruptedException {
        this(host, port, path, false);
    }

    /**
     * @param compress add Netty's {@code WebSocketServerCompressionHandler} (permessage-deflate,
     *                 RFC 7692, Netty's defaults: level 6, context takeover unless the client asks)
     */
    NettyEchoServer(String host, int port, String path, boolean compress) throws InterruptedException {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .maxFramePayloadLength(16 << 20)
                .checkStartsWith(false)
                .allowExtensions(compress) // RSV1 is permessage-deflate's bit
                .build();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536));
                        if (compress) {
                            ch.pipeline().addLast(new WebSocketServerCompressionHandler());
                        }
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler(config), new Echo());
                    }
                });
        channel = bootstrap.bind(host, port).sync().channel();
    }

    @Override
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully();
        workers.shutdownGracefully();
    }

    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame) {
                ctx.writeAndFlush(msg); // ownership of the frame passes to the write
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
