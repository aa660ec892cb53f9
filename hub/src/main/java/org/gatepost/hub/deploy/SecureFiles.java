package org.gatepost.hub.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;

/** File modes for secrets (POSIX). Stateless and thread safe. */
final class SecureFiles {
    static final String OWNER_ONLY = "rw-------";
    static final String OWNER_AND_GROUP = "rw-r-----";
    static final String EVERYONE_READS = "rw-r--r--";

    private SecureFiles() {}

    /** Creates (or truncates) {@code file} with {@code permissions} before writing, so the text is never exposed. */
    static void write(Path file, String text, String permissions) throws SetupException {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
            Files.writeString(file, text, StandardCharsets.UTF_8);
            setPermissions(file, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            throw new SetupException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Mode 600. */
    static void restrict(Path file) throws SetupException {
        setPermissions(file, OWNER_ONLY);
    }

    static void setPermissions(Path file, String permissions) throws SetupException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (IOException | UnsupportedOperationException e) {
            throw new SetupException("cannot set mode " + permissions + " on " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives {@code file} to {@code group} with mode 640, so a broker that drops root to that group's user can
     * read it. Returns why not when that is impossible (no such group, or not allowed: run as root).
     */
    static Optional<String> shareWithGroup(Path file, String group) throws SetupException {
        setPermissions(file, OWNER_AND_GROUP);
        try {
            GroupPrincipal principal =
                    file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(principal);
            return Optional.empty();
        } catch (UserPrincipalNotFoundException e) {
            return Optional.of("there is no group '" + group + "' (is the mosquitto package installed?)");
        } catch (IOException e) {
            return Optional.of("cannot give " + file.getFileName() + " to group '" + group + "' (" + e.getMessage()
                    + "; run the setup as root)");
        }
    }
}
