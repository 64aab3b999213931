package org.socketlab.websocket.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.socketlab.websocket.transport.TlsContexts;

/**
 * A self-signed certificate for "localhost" and 127.0.0.1, generated once per test JVM with the
 * running JDK's own {@code bin/keytool} into a temporary directory (nothing secret is committed).
 */
public final class TestCertificates {

    public static final char[] PASSWORD = "changeit".toCharArray();
    private static TestCertificates instance;

    private final Path keyStore;
    private final Path certificatePem;
    private final Path trustStore;

    private TestCertificates(Path keyStore, Path certificatePem, Path trustStore) {
        this.keyStore = keyStore;
        this.certificatePem = certificatePem;
        this.trustStore = trustStore;
    }

    /** PKCS12 trust store holding only the certificate (password {@link #PASSWORD}). */
    public Path trustStore() {
        return trustStore;
    }

    public static synchronized TestCertificates get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("socketlab-tls");
            dir.toFile().deleteOnExit();
            Path keyStore = dir.resolve("server.p12");
            Path pem = dir.resolve("server.pem");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
            keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
                    "-storepass", new String(PASSWORD), "-file", pem.toString());
            Path trustStore = dir.resolve("trust.p12");
            keytool("-importcert", "-noprompt", "-alias", "server", "-file", pem.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD));
            keyStore.toFile().deleteOnExit();
            pem.toFile().deleteOnExit();
            trustStore.toFile().deleteOnExit();
            instance = new TestCertificates(keyStore, pem, trustStore);
        }
        return instance;
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    /** PKCS12 keystore with the private key (password {@link #PASSWORD}); Node reads it as "pfx". */
    public Path keyStore() {
        return keyStore;
    }

    /** The certificate in PEM, for peers that need a CA file (Node "ca", Python's ssl). */
    public Path certificatePem() {
        return certificatePem;
    }

    public SSLContext serverContext() throws Exception {
        return TlsContexts.fromKeyStore(keyStore, PASSWORD);
    }

    /** A client context trusting only this certificate. */
    public SSLContext clientContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificatePem)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trusted.setCertificateEntry("server", certificate);
        }
        return TlsContexts.trusting(trusted);
    }

    public String certificatePemText() throws IOException {
        return Files.readString(certificatePem, StandardCharsets.US_ASCII);
    }
}
