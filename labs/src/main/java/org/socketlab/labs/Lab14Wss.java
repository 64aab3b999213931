package org.socketlab.labs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.transport.TlsContexts;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;

/**
 * Lab 14 — wss: TLS under the WebSocket (RFC 6455 §4.1 step 5, §10.6; RFC 8446).
 *
 * <p>{@code wss://} is the same WebSocket inside a TLS session: TCP connect, then the TLS
 * handshake (the server proves who it is with a certificate), then the HTTP upgrade, all
 * encrypted. This lab makes a certificate with {@code keytool}, serves wss with it, connects a
 * client that trusts it, and then shows the two failures every developer meets: a certificate
 * the client does not trust, and a certificate for another host name. Guide: labs/guides/14-wss.md.
 */
public final class Lab14Wss {

    static final String TITLE = "wss: WebSocket over TLS";
    static final String SUMMARY = "TLS under the WebSocket: a keytool certificate, a trusting client, a wrong certificate, a wrong host name";

    /** Password of the lab's throw-away key and trust stores (never reuse for real keys). */
    public static final char[] PASSWORD = "lab14-secret".toCharArray();

    private Lab14Wss() {
    }

    /** A key store (private key + certificate, for the server) and a trust store (certificate only, for clients). */
    public record Certificates(Path keyStore, Path trustStore, String hostName) {
        public SSLContext serverContext() throws IOException, GeneralSecurityException {
            return TlsContexts.fromKeyStore(keyStore, PASSWORD);
        }

        public SSLContext clientContext() throws IOException, GeneralSecurityException {
            return TlsContexts.fromTrustStore(trustStore, PASSWORD);
        }
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="14 --help"}. */
    @Command(name = "lab 14", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options {
    }

    public static void main(String[] args) throws Exception {
        Cli.parse(new Options(), args);
        System.out.println("Lab 14 — wss: TLS under the WebSocket");
        Path dir = Files.createTempDirectory("lab14-");
        try {
            walkThrough(dir);
        } finally {
            deleteRecursively(dir);                      // key stores hold private keys: leave none behind
        }
        System.out.println("\nDone (the key stores in " + dir + " were deleted)."
                + " Next: labs/guides/14-wss.md, section \"Experiments\".");
    }

    private static void walkThrough(Path dir) throws Exception {
        step("1. Make a self-signed certificate for localhost with keytool");
        Certificates localhost = makeCertificates(dir.resolve("localhost"), "localhost");
        say("key store  " + localhost.keyStore() + "  (private key + certificate: stays on the server)");
        say("trust store " + localhost.trustStore() + "  (certificate only: what clients are given)");

        try (WebSocketServer server = startServer(localhost.serverContext())) {
            URI uri = URI.create("wss://localhost:" + server.port() + "/");
            step("2. A wss echo server on " + uri + " — TcpServer accepts, SSLServerSocket does TLS 1.2/1.3");
            step("3. A client that trusts the certificate");
            say("TLS session: " + describeSession(localhost.clientContext(), "localhost", server.port()));
            say("echo over wss: \"" + echo(uri, localhost.clientContext(), "hello over TLS") + "\"");

            step("4. A client that does not trust the certificate (the JDK's default trust store)");
            tryAndExplain(() -> echo(uri, SSLContext.getDefault(), "should not arrive"));
        }

        step("5. A trusted certificate, but for another host name");
        Certificates other = makeCertificates(dir.resolve("other"), "other.example");
        try (WebSocketServer server = startServer(other.serverContext())) {
            URI uri = URI.create("wss://localhost:" + server.port() + "/");
            say("the server now presents a certificate for other.example; the client dials localhost");
            tryAndExplain(() -> echo(uri, other.clientContext(), "should not arrive"));
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Runs {@code keytool -genkeypair} (an EC key and a self-signed certificate whose subject
     * alternative name is {@code hostName}), exports the certificate and imports it into a trust store.
     */
    public static Certificates makeCertificates(Path dir, String hostName) throws IOException, InterruptedException {
        // BEGIN SOLUTION lab=14 task="keytool: an EC key pair with a self-signed certificate whose SAN names hostName, exported and imported into a trust store"
        Files.createDirectories(dir);
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        Path trustStore = dir.resolve("trust.p12");
        String password = new String(PASSWORD);
        String san = "localhost".equals(hostName) ? "SAN=dns:localhost,ip:127.0.0.1" : "SAN=dns:" + hostName;
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + hostName,
                "-ext", san, "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", password,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", password);
        return new Certificates(keyStore, trustStore, hostName);
        // END SOLUTION
    }

    /** A wss echo server on loopback, port 0. */
    public static WebSocketServer startServer(SSLContext context) throws IOException {
        return WebSocketServer.builder().tls(context).endpoint("/", new WebSocketHandler() {
            @Override
            public void onText(Session session, String text) {
                session.sendText(text);
            }
        }).start();
    }

    /** Connects with {@code context}, sends {@code text}, returns the echo. */
    public static String echo(URI uri, SSLContext context, String text) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Session session = WebSocketClient.connect(uri, new WebSocketHandler() {
            @Override
            public void onText(Session s, String message) {
                reply.complete(message);
            }
        }, ClientOptions.defaults().sslContext(context).handshakeTimeout(Duration.ofSeconds(5)));
        try {
            session.sendText(text);
            return reply.get(5, TimeUnit.SECONDS);
        } finally {
            session.close(1000, "done");
        }
    }

    /** The negotiated TLS version and cipher suite, from a bare TLS handshake (the same one wss does). */
    public static String describeSession(SSLContext context, String host, int port) throws IOException {
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            tcp.setSoTimeout(5_000);
            try (SSLSocket tls = TlsContexts.clientSocket(context, tcp, host, port)) {
                tls.startHandshake();
                SSLSession session = tls.getSession();
                return session.getProtocol() + ", " + session.getCipherSuite() + ", server certificate for "
                        + session.getPeerPrincipal().getName();
            }
        }
    }

    /** A plain-language account of why a TLS connection failed. */
    public static String explain(Throwable failure) {
        // BEGIN SOLUTION lab=14 task="explain a TLS failure in plain words: read the cause chain for a wrong host name, an untrusted certificate or an old TLS version"
        String all = chain(failure);
        if (all.contains("No subject alternative") || all.contains("No name matching")) {
            return "WRONG HOST NAME: the certificate is trusted, but it was issued for another name than the one"
                    + " you dialled, so it proves nothing about this server (RFC 6125 host-name check). Fix: a"
                    + " certificate whose subjectAltName lists the host clients use.";
        }
        if (all.contains("PKIX path building failed") || all.contains("unable to find valid certification path")) {
            return "UNTRUSTED CERTIFICATE: no certificate authority the client trusts signed it (ours is"
                    + " self-signed), so anyone could have made it. Fix: give clients the certificate in a trust"
                    + " store, or use one signed by a CA they already trust.";
        }
        if (all.contains("protocol_version") || all.contains("No appropriate protocol")) {
            return "OLD TLS VERSION: the two sides share no TLS version; this server speaks TLS 1.2 and 1.3 only.";
        }
        return "TLS FAILED: " + all;
        // END SOLUTION
    }

    private static String chain(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            parts.add(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        return String.join(" <- ", parts);
    }

    private interface Attempt {
        Object run() throws Exception;
    }

    private static void tryAndExplain(Attempt attempt) {
        try {
            Object result = attempt.run();
            say("unexpectedly connected: " + result);
        } catch (SSLHandshakeException | CertificateException e) {
            report(e);
        } catch (Exception e) {
            report(e);
        }
    }

    private static void report(Exception e) {
        say("the client sees: " + e.getClass().getName() + ": " + e.getMessage());
        say("in plain words : " + explain(e));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed:\n" + output);
        }
    }

    private static void step(String title) {
        System.out.println("\n" + title);
    }

    private static void say(String line) {
        System.out.println("   " + line);
    }
}
