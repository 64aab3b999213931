package org.socketlab.websocket.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for wss:// (RFC 6455 §4.1 step 5, §10.6): SSLContexts from key and trust stores, and
 * sockets restricted to TLS 1.2 and 1.3 — older versions have known attacks and are refused.
 * Thread-safe (stateless helpers).
 */
public final class TlsContexts {

    /** The only protocol versions ever enabled, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsContexts() {
    }

    /** A server (or client-certificate) context from a keystore holding the private key and its chain. */
    public static SSLContext fromKeyStore(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = load(keyStore, password);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client context that trusts exactly the certificates of {@code trustStore}. */
    public static SSLContext fromTrustStore(Path trustStore, char[] password) throws IOException, GeneralSecurityException {
        return trusting(load(trustStore, password));
    }

    /** A client context that trusts exactly the certificates in {@code trusted}. */
    public static SSLContext trusting(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A ServerSocketFactory for {@code TcpServer} whose sockets speak TLS 1.2+ only. */
    public static ServerSocketFactory serverSocketFactory(SSLContext context) {
        return new Tls12PlusServerSocketFactory(context);
    }

    /**
     * Layers TLS over a connected socket as a client: TLS 1.2+, SNI, and host-name
     * verification (RFC 6125 via the JDK's "HTTPS" endpoint identification).
     */
    public static SSLSocket clientSocket(SSLContext context, Socket connected, String host, int port) throws IOException {
        // BEGIN SOLUTION lab=14 task="layer TLS over the connected socket as a client: TLS 1.2/1.3 only, SNI, host-name verification (RFC 6125)"
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        return socket;
        // END SOLUTION
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static KeyStore load(Path path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType()); // PKCS12 since JDK 9
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }

    private static final class Tls12PlusServerSocketFactory extends ServerSocketFactory {
        private final ServerSocketFactory delegate;

        Tls12PlusServerSocketFactory(SSLContext context) {
            this.delegate = context.getServerSocketFactory();
        }

        private ServerSocket restrict(ServerSocket socket) {
            // BEGIN SOLUTION lab=14 task="enable only TLS 1.3 and 1.2 on the server socket (RFC 8996 deprecates 1.0 and 1.1)"
            ((SSLServerSocket) socket).setEnabledProtocols(PROTOCOLS.toArray(String[]::new));
            return socket;
            // END SOLUTION
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return restrict(delegate.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return restrict(delegate.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return restrict(delegate.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return restrict(delegate.createServerSocket(port, backlog, address));
        }
    }
}
