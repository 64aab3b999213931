package org.socketlab.websocket.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.InteropServer;
import org.socketlab.websocket.testing.RecordingHandler;
import org.socketlab.websocket.testing.TestCertificates;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/** wss:// end to end with our own client and server, and the TLS 1.2+ rule. */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class TlsContextsTest {

    @StopAfterEach
    private WebSocketServer server;

    @Test
    void serverSocketFactory_enablesOnlyTls12And13() throws Exception {
        SSLContext context = TestCertificates.get().serverContext();
        try (SSLServerSocket socket = (SSLServerSocket) TlsContexts.serverSocketFactory(context).createServerSocket()) {
            assertThat(socket.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void ourClientAndOurServer_talkOverWss() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        server = InteropServer.start(certificates.serverContext());
        RecordingHandler handler = new RecordingHandler();
        Session session = WebSocketClient.connect(URI.create("wss://localhost:" + server.port() + "/echo"), handler,
                ClientOptions.defaults().sslContext(certificates.clientContext()));
        session.sendText("over TLS");
        assertThat(handler.nextMessage(Duration.ofSeconds(5))).isEqualTo("over TLS");
        session.close();
        assertThat(session.closeFuture().get(5, TimeUnit.SECONDS).clean()).isTrue();
    }

    @Test
    void trustStoreFile_isEnoughForTheClient() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        server = InteropServer.start(TlsContexts.fromKeyStore(certificates.keyStore(), TestCertificates.PASSWORD));
        SSLContext trusting = TlsContexts.fromTrustStore(certificates.trustStore(), TestCertificates.PASSWORD);
        Session session = WebSocketClient.connect(URI.create("wss://127.0.0.1:" + server.port() + "/echo"),
                new RecordingHandler(), ClientOptions.defaults().sslContext(trusting));
        assertThat(session.isOpen()).isTrue();
        session.close();
    }

    @Test
    void tls12OnlyClient_isAccepted() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        server = InteropServer.start(certificates.serverContext());
        try (SSLSocket socket = (SSLSocket) certificates.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void clientWithoutTheServersCertificate_failsTheTlsHandshake() throws Exception {
        server = InteropServer.start(TestCertificates.get().serverContext());
        // The JDK's default trust store does not know our self-signed certificate.
        assertThatThrownBy(() -> WebSocketClient.connect(URI.create("wss://localhost:" + server.port() + "/echo"),
                new RecordingHandler())).isInstanceOf(SSLException.class);
    }

    @Test
    void clientSocket_verifiesTheHostName() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        Socket plain = new Socket();
        try (plain) {
            server = InteropServer.start(certificates.serverContext());
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
            plain.setSoTimeout(5_000);
            // The certificate names localhost and 127.0.0.1; any other name must be refused.
            SSLSocket tls = TlsContexts.clientSocket(certificates.clientContext(), plain, "not-localhost.example", server.port());
            assertThatThrownBy(tls::startHandshake).isInstanceOf(SSLException.class);
        }
    }
}
