package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.labs.Lab14Wss;
import org.socketlab.labs.Lab14Wss.Certificates;
import org.socketlab.websocket.server.WebSocketServer;

/** Lab 14 — wss. Guide: labs/guides/14-wss.md. */
@Timeout(60)
class Lab14WssGradingTest {

    private static final String GUIDE = "labs/guides/14-wss.md";
    @TempDir
    static Path dir;
    private static Certificates localhost;
    private static Certificates other;
    private WebSocketServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        localhost = Lab14Wss.makeCertificates(dir.resolve("localhost"), "localhost");
        other = Lab14Wss.makeCertificates(dir.resolve("other"), "other.example");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    private static String hint(String what, String section) {
        return what + " — read " + GUIDE + ", section \"" + section + "\"";
    }

    @Test
    @Points(2)
    @DisplayName("Your keytool step makes a certificate whose subject alternative names include localhost")
    void certificateNamesLocalhost() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(localhost.keyStore())) {
            store.load(in, Lab14Wss.PASSWORD);
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate("server");
        assertThat(certificate).as(hint("the key store must hold an entry called \"server\"", "Step 1")).isNotNull();
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(entry -> entry.get(1).toString()).toList();
        assertThat(names).as(hint("clients check the host name against the subjectAltName (RFC 6125), not the CN",
                "Step 1")).contains("localhost");
        assertThat(store.isKeyEntry("server")).as(hint("the server needs the private key, not only the certificate",
                "Step 1")).isTrue();
    }

    @Test
    @Points(3)
    @DisplayName("Your wss server echoes a message to a client that trusts its certificate")
    void echoOverWss() throws Exception {
        server = Lab14Wss.startServer(localhost.serverContext());
        String echo = Lab14Wss.echo(URI.create("wss://localhost:" + server.port() + "/"), localhost.clientContext(), "over TLS");
        assertThat(echo).as(hint("expected the same text back through TLS", "Step 3")).isEqualTo("over TLS");
    }

    @Test
    @Points(2)
    @DisplayName("Your server speaks TLS 1.2 or 1.3 and nothing older")
    void onlyModernTls() throws Exception {
        server = Lab14Wss.startServer(localhost.serverContext());
        assertThat(Lab14Wss.describeSession(localhost.clientContext(), "localhost", server.port()))
                .as(hint("the negotiated version", "Background")).startsWith("TLSv1.3");
        try (SSLSocket socket = (SSLSocket) localhost.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).as(hint("a TLS 1.2-only client must still connect",
                    "Background")).isEqualTo("TLSv1.2");
        }
    }

    @Test
    @Points(2)
    @DisplayName("A client that does not trust your certificate refuses to connect")
    void untrustedCertificateIsRefused() throws Exception {
        server = Lab14Wss.startServer(localhost.serverContext());
        Throwable failure = catchThrowable(() -> Lab14Wss.echo(URI.create("wss://localhost:" + server.port() + "/"),
                SSLContext.getDefault(), "must not arrive"));
        assertThat(failure).as(hint("the JDK's default trust store does not know a self-signed certificate",
                "Step 4")).isInstanceOf(SSLException.class);
        assertThat(Lab14Wss.explain(failure)).as(hint("the explanation names the cause", "What you should see"))
                .startsWith("UNTRUSTED CERTIFICATE");
    }

    @Test
    @Points(2)
    @DisplayName("A trusted certificate issued for another host name is refused")
    void wrongHostNameIsRefused() throws Exception {
        server = Lab14Wss.startServer(other.serverContext());
        Throwable failure = catchThrowable(() -> Lab14Wss.echo(URI.create("wss://localhost:" + server.port() + "/"),
                other.clientContext(), "must not arrive"));
        assertThat(failure).as(hint("trusting a certificate is not enough: it must name the host you dialled",
                "Step 5")).isInstanceOf(SSLException.class);
        assertThat(Lab14Wss.explain(failure)).as(hint("the explanation names the cause", "What you should see"))
                .startsWith("WRONG HOST NAME");
    }

    @Test
    @Points(1)
    @DisplayName("The same certificate works under its IP address, because the certificate lists 127.0.0.1 too")
    void ipAddressInTheCertificate() throws Exception {
        server = Lab14Wss.startServer(localhost.serverContext());
        String echo = Lab14Wss.echo(URI.create("wss://127.0.0.1:" + server.port() + "/"), localhost.clientContext(), "by IP");
        assertThat(echo).as(hint("the SAN holds ip:127.0.0.1, so dialling the IP passes the host-name check",
                "Experiments")).isEqualTo("by IP");
    }
}
