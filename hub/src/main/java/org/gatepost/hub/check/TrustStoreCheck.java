package org.gatepost.hub.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * The TLS trust store the JVM was told to use ({@code -Djavax.net.ssl.trustStore=FILE}, set through {@code JAVA_TOOL_OPTIONS}
 * in {@code /etc/default/gatepost-hub} for an {@code ssl://} broker): readable and loadable. Stateless.
 */
final class TrustStoreCheck {
    static final String PROPERTY = "javax.net.ssl.trustStore";

    private TrustStoreCheck() {}

    /** The problem, without the key; empty when no trust store is set or it loads. */
    static Optional<String> problem(String file, String password) {
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            return Optional.of(path + " does not exist or is not readable by user " + System.getProperty("user.name"));
        }
        try {
            KeyStore.getInstance(path.toFile(), password == null ? null : password.toCharArray());
            return Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            return Optional.of(path + " is not a readable trust store: " + e.getMessage());
        }
    }
}
