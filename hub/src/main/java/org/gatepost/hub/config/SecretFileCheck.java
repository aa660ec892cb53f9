package org.gatepost.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Finds a configuration file that holds a secret and that other users may read, for one WARN line at start: readable
 * by others ({@code o+r}), or by its group while this process owns it (then the group needs no access; a file
 * owned by root and readable by the service's group, mode 640, as {@code docs/deployment.md} installs it, is
 * fine). Never reads out a secret's value. Stateless and thread safe.
 */
public final class SecretFileCheck {

    /** A readable-by-others file, the secret keys it sets, and its mode ({@code rw-r--r--}). */
    public record Exposure(Path file, String mode, List<String> keys) {
        /** The log line's context, {@code key=value}. */
        @Override
        public String toString() {
            return "file=" + file + " mode=" + mode + " keys=" + String.join(",", keys) + " fix=\"chmod 600 " + file
                    + "\"";
        }
    }

    private SecretFileCheck() {}

    /** Empty when {@code file} sets none of {@code secretKeys}, others cannot read it, or it has no POSIX mode. */
    public static Optional<Exposure> check(Path file, Collection<String> secretKeys) {
        try {
            if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Optional.empty();
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            boolean others = mode.contains(PosixFilePermission.OTHERS_READ);
            boolean needlessGroup = mode.contains(PosixFilePermission.GROUP_READ)
                    && Files.getOwner(file).getName().equals(System.getProperty("user.name"));
            if (!others && !needlessGroup) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            List<String> set = secretKeys.stream()
                    .sorted()
                    .filter(k -> p.getProperty(k) != null && !p.getProperty(k).isBlank())
                    .toList();
            return set.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Exposure(file, PosixFilePermissions.toString(mode), set));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // loading the configuration reports an unreadable file
        }
    }
}
