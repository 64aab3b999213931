package org.socketlab.bench.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeImpl1Server;
import org.socketlab.websocket.handshake.AcceptKey;
import org.socketlab.websocket.handshake.ExtensionNegotiator;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.handshake.ServerHandshake;
import org.socketlab.websocket.http.HttpRequestParser;

/**
 * The opening handshake on the server (RFC 6455 §4.2): parse a browser-like upgrade request,
 * validate it and build the 101 response with its Sec-WebSocket-Accept; and the accept key alone
 * (SHA-1 + Base64, §4.2.2). Java-WebSocket's parser and response builder as the peer.
 */
public class HandshakeBenchmark extends CodecBenchmark {

    static final String REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Accept-Language: en-US,en;q=0.9,ko;q=0.8\r\n"
            + "Cache-Control: no-cache\r\n"
            + "\r\n";

    @Param({"upgrade"})
    public String request;

    private byte[] requestBytes;
    private ServerHandshake serverHandshake;

    @Setup(Level.Trial)
    public void setUp() {
        requestBytes = REQUEST.getBytes(StandardCharsets.US_ASCII);
        // A server that allows the page's origin (the default policy refuses unlisted origins).
        serverHandshake = new ServerHandshake(new HandshakePolicy(OriginPolicy.allowList(List.of("http://example.com")),
                List.of(), ExtensionNegotiator.none()));
    }

    @Benchmark
    public byte[] socketlabParseAndAccept() throws Exception {
        HttpRequestParser parser = new HttpRequestParser();
        var parsed = parser.parse(ByteBuffer.wrap(requestBytes));
        return serverHandshake.accept(parsed).response().toBytes();
    }

    @Benchmark
    public String socketlabAcceptKey() {
        return AcceptKey.compute("dGhlIHNhbXBsZSBub25jZQ==");
    }

    @Benchmark
    public void javaWebSocketParseAndAccept(Blackhole bh) throws Exception {
        Draft_6455 draft = new Draft_6455();
        ClientHandshake parsed = (ClientHandshake) draft.translateHandshake(ByteBuffer.wrap(requestBytes));
        draft.acceptHandshakeAsServer(parsed);
        var response = draft.postProcessHandshakeResponseAsServer(parsed, new HandshakeImpl1Server());
        bh.consume(draft.createHandshake(response));
    }
}
