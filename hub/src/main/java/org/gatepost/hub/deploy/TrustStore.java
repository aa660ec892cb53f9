package org.gatepost.hub.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * Writes a PKCS#12 trust store holding the broker's CA certificate(s), for Java clients (hub and agents):
 * {@code -Djavax.net.ssl.trustStore=FILE}. It has no password (it holds public certificates only), which
 * Java 18 and newer read without {@code javax.net.ssl.trustStorePassword}. Stateless and thread safe.
 */
public final class TrustStore {
    public static final String FILE = "ca-truststore.p12";
    public static final String ALIAS = "gatepost-mqtt-ca";

    private TrustStore() {}

    /** Reads every certificate in the PEM {@code caPem} and stores them in {@code p12} (mode 644). */
    public static void write(Path caPem, Path p12) throws SetupException {
        try {
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(caPem)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new SetupException(caPem + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry(i == 0 ? ALIAS : ALIAS + "-" + i, c);
                i++;
            }
            try (OutputStream out = Files.newOutputStream(p12)) {
                store.store(out, null);
            }
            SecureFiles.setPermissions(p12, SecureFiles.EVERYONE_READS);
        } catch (IOException | GeneralSecurityException e) {
            throw new SetupException(
                    "cannot make the trust store " + p12 + " from " + caPem + ": " + e.getMessage(), e);
        }
    }
}
