package org.socketlab.websocket.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.handshake.ClientHandshake;
import org.socketlab.websocket.handshake.ClientHandshakeResult;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpResponseParser;
import org.socketlab.websocket.protocol.WebSocketProtocol;
import org.socketlab.websocket.transport.TlsContexts;
import org.socketlab.websocket.transport.WebSocketConnection;

/**
 * Opens one client connection to a {@code ws://} or {@code wss://} URI (RFC 6455 §4.1): TCP
 * connect within the connect timeout, TLS 1.2+ for wss, the upgrade request, validation of the
 * 101, then a virtual thread that reads the connection and calls the handler.
 *
 * <pre>{@code
 * Session session = WebSocketClient.connect(URI.create("ws://localhost:8080/ws/chat"), handler,
 *         ClientOptions.defaults().subprotocols("chat"));
 * session.sendText("hello");
 * session.close();
 * }</pre>
 *
 * For a connection that comes back after failures use {@link ReconnectingClient}.
 */
public final class WebSocketClient {

    private static final Logger LOG = System.getLogger(WebSocketClient.class.getName());

    private WebSocketClient() {
    }

    public static Session connect(URI uri, WebSocketHandler handler) throws IOException, HttpException {
        return connect(uri, handler, ClientOptions.defaults());
    }

    /**
     * Connects and completes the opening handshake; returns once the connection is OPEN.
     *
     * @throws HttpException the server refused the upgrade (its status, e.g. 403 or 404)
     *                            or answered something that is not a valid 101
     * @throws IOException        TCP or TLS failed, or the handshake timed out
     */
    public static Session connect(URI uri, WebSocketHandler handler, ClientOptions options)
            throws IOException, HttpException {
        WebSocketUri target = WebSocketUri.parse(uri);
        long deadline = System.nanoTime() + options.handshakeTimeout().toNanos();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()),
                    (int) Math.max(1, options.connectTimeout().toMillis()));
            socket.setSoTimeout(remainingMillis(deadline));
            if (target.secure()) {
                SSLContext context = options.sslContext().orElse(defaultContext());
                SSLSocket tls = TlsContexts.clientSocket(context, socket, target.host(), target.port());
                tls.startHandshake();
                socket = tls;
            }
            ClientHandshake handshake = handshakeFor(target, options);
            OutputStream out = socket.getOutputStream();
            out.write(handshake.requestBytes());
            out.flush();
            ByteBuffer buffer = ByteBuffer.allocate(options.http().maxRequestLineLength() + options.http().maxHeaderBytes() + 4096);
            HttpResponse response = readResponse(socket, buffer, deadline, options);
            ClientHandshakeResult result = handshake.validate(response);
            WebSocketProtocol protocol = ClientExtensions.protocol(options, result, MaskKeySource.secureRandom(),
                    System.nanoTime());
            WebSocketConnection connection = new WebSocketConnection(socket, protocol, handler,
                    options.connectionSettings(), target.resourceName(), result.subprotocol(), buffer.slice());
            Thread.ofVirtual().name(connection.id() + "-reader").start(connection::run);
            LOG.log(Level.DEBUG, "{0} connected to {1}", connection.id(), uri);
            return connection.session();
        } catch (IOException | HttpException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static ClientHandshake handshakeFor(WebSocketUri target, ClientOptions options) {
        ClientHandshake.Builder builder = ClientHandshake.builder()
                .hostHeader(target.hostHeader())
                .target(target.resourceName())
                .subprotocols(options.subprotocols())
                .extensions(ClientExtensions.offers(options));
        options.origin().ifPresent(builder::origin);
        for (Map.Entry<String, String> header : options.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    private static HttpResponse readResponse(Socket socket, ByteBuffer buffer, long deadline, ClientOptions options)
            throws IOException, HttpException {
        HttpResponseParser parser = new HttpResponseParser(options.http());
        InputStream in = socket.getInputStream();
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            if (!buffer.hasRemaining()) {
                throw new IOException("the server's handshake response exceeds " + buffer.capacity() + " bytes");
            }
            int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (n < 0) {
                throw new IOException("the server closed the connection during the opening handshake");
            }
            buffer.position(buffer.position() + n);
            buffer.flip();
            HttpResponse response = parser.parse(buffer);
            if (response != null) {
                return response;
            }
            buffer.compact();
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("opening handshake timed out");
        }
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining));
    }

    private static SSLContext defaultContext() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context", e);
        }
    }
}
