package org.socketlab.labs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.handshake.AcceptKey;
import org.socketlab.websocket.server.Endpoint;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;

/**
 * Lab 08 — the WebSocket opening handshake (RFC 6455 §4), typed by hand.
 *
 * <p>A WebSocket starts life as an HTTP/1.1 GET with {@code Upgrade: websocket}. The server
 * proves it understood by hashing the client's key with a fixed GUID; after the 101 response
 * the same TCP connection carries frames instead of HTTP. This lab computes the accept key
 * step by step, sends the upgrade request byte by byte from a plain {@link Socket}, and shows
 * the two ways a server says no: a refused Origin (403) and an unknown path (404).
 * Guide: labs/guides/08-handshake.md.
 */
public final class Lab08Handshake {

    static final String TITLE = "WebSocket handshake";
    static final String SUMMARY = "a raw upgrade typed by hand, the accept key step by step, a refused Origin, a chosen subprotocol";

    public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    public static final String ALLOWED_ORIGIN = "http://localhost:8080";

    private Lab08Handshake() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="08 --help"}. */
    @Command(name = "lab 08", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options {
    }

    public static void main(String[] args) throws Exception {
        Cli.parse(new Options(), args);
        System.out.println("Lab 08 — the WebSocket opening handshake (RFC 6455 §4)");
        computeAcceptKeyStepByStep(SAMPLE_KEY);
        try (WebSocketServer server = startServer()) {
            say("socket()+bind()+listen()", "a WebSocketServer is listening on " + server.uri("/chat"));
            part("2. The upgrade request, typed by hand");
            exchange(server.port(), request(server.port(), "/chat", "Origin: " + ALLOWED_ORIGIN + "\r\n"
                    + "Sec-WebSocket-Protocol: superchat, chat\r\n"));
            observe("101 Switching Protocols: from now on this TCP connection carries WebSocket frames.");
            observe("The server chose ONE subprotocol from the client's list (Sec-WebSocket-Protocol above).");
            part("3. A refused Origin: Cross-Site WebSocket Hijacking defence (RFC 6455 §10.2)");
            exchange(server.port(), request(server.port(), "/chat", "Origin: http://evil.example\r\n"));
            observe("403: a browser page from another site may not open this endpoint with your cookies.");
            part("4. An unknown path");
            exchange(server.port(), request(server.port(), "/nowhere", ""));
            observe("404: endpoints are registered by path, like routes in a web framework.");
        }
        System.out.println();
        System.out.println("Done. Next: labs/guides/08-handshake.md, section \"Experiments\".");
    }

    /** Step 1: base64(SHA-1(key + GUID)), printed one step at a time. */
    public static String computeAcceptKeyStepByStep(String key) throws Exception {
        part("1. The accept key, step by step (RFC 6455 §1.3, §4.2.2)");
        say("client", "Sec-WebSocket-Key: " + key + "   (16 random bytes, base64)");
        String joined = key + AcceptKey.GUID;
        say("concatenate", key + " + " + AcceptKey.GUID);
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(joined.getBytes(StandardCharsets.US_ASCII));
        say("SHA-1", HexFormat.of().formatHex(sha1) + "   (20 bytes)");
        String accept = Base64.getEncoder().encodeToString(sha1);
        say("base64", accept);
        observe("AcceptKey.compute gives " + AcceptKey.compute(key)
                + (accept.equals(AcceptKey.compute(key)) ? " — the same." : " — DIFFERENT: check your code!"));
        return accept;
    }

    public static WebSocketServer startServer() throws IOException {
        return WebSocketServer.builder()
                .endpoint(Endpoint.at("/chat", new WebSocketHandler() {
                    @Override
                    public void onText(Session session, String text) {
                        session.sendText(text);
                    }
                }).allowedOrigins(ALLOWED_ORIGIN).subprotocols("chat", "superchat"))
                .start();
    }

    /** An upgrade request exactly as a browser would type it (RFC 6455 §4.1). */
    public static String request(int port, String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
    }

    /** connect(), write() the request, read() the response head up to the blank line. */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            say("connect()", "to 127.0.0.1:" + port + " from " + socket.getLocalSocketAddress());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            say("write()", request.length() + " bytes of HTTP:");
            indent("> ", request);
            String response = readHead(socket.getInputStream());
            say("read()", "the response head (" + response.length() + " bytes):");
            indent("< ", response);
            return response;
        }
    }

    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String soFar = head.toString(StandardCharsets.ISO_8859_1);
            if (soFar.endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void part(String title) {
        System.out.println();
        System.out.println(title);
        System.out.println("-".repeat(title.length()));
    }

    private static void say(String call, String text) {
        System.out.printf("  %-14s %s%n", call, text);
    }

    private static void observe(String text) {
        System.out.println("   => " + text);
    }

    private static void indent(String prefix, String text) {
        for (String line : text.split("\r\n")) {
            System.out.println("       " + prefix + line);
        }
    }
}
