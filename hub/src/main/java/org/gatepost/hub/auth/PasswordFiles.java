package org.gatepost.hub.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.gatepost.hub.store.DatabaseFiles;

/**
 * The files that keep a password the hub generated (the first {@code admin}'s, or one set by
 * {@code reset-password}) until its account changes it: {@code password-<name>.txt} in one directory (the
 * store's, {@link #besideStore}), mode 600, holding the password and a newline. Written before the password is
 * shown, so a start that fails after showing it does not lose it. Stateless apart from the directory; safe for
 * concurrent use (each write replaces the file in one rename).
 */
public final class PasswordFiles {
    private final Path dir;

    private PasswordFiles(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** In {@code dir}. */
    public static PasswordFiles in(Path dir) {
        return new PasswordFiles(dir);
    }

    /**
     * In the directory of {@code storePath} ({@code store.path}; with PostgreSQL, where the file is not used, its
     * directory still names the hub's own directory, as it does for the embedded broker's data).
     */
    public static PasswordFiles besideStore(Path storePath) {
        Path parent = storePath.toAbsolutePath().getParent();
        return new PasswordFiles(parent != null ? parent : Path.of("").toAbsolutePath());
    }

    public Path path(String name) {
        return dir.resolve("password-" + name + ".txt");
    }

    /** Writes {@code password} for {@code name}, mode 600, replacing an earlier file; flushed before it returns. */
    public Path write(String name, String password) throws IOException {
        Files.createDirectories(dir);
        Path target = path(name);
        Path temp = dir.resolve(target.getFileName() + ".new");
        Files.deleteIfExists(temp);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(DatabaseFiles.OWNER_ONLY));
        } else {
            Files.createFile(temp);
        }
        try (var ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** The password kept for {@code name}, if there is a file. */
    public Optional<String> read(String name) throws IOException {
        Path p = path(name);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip());
    }

    /** Deletes {@code name}'s file; true when there was one. */
    public boolean remove(String name) throws IOException {
        return Files.deleteIfExists(path(name));
    }
}
