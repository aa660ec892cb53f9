package org.gatepost.agent.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether this process could open a SQLite store at a path, without creating or changing anything: the folder
 * exists and is writable (SQLite keeps its WAL and lock files beside the database), and an existing file is a
 * readable, writable SQLite database. Stateless.
 */
public final class StoreFileCheck {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private StoreFileCheck() {}

    /** The problem, without the key; empty when the store can be opened for writing. */
    public static Optional<String> problem(Path store) {
        Path file = store.toAbsolutePath();
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return Optional.of("folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            return Optional.of("folder " + dir + " is not writable by " + user());
        }
        if (!Files.exists(file)) { // created at the first start
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of(file + " is not a regular file");
        }
        if (!Files.isReadable(file) || !Files.isWritable(file)) {
            return Optional.of(file + " is not readable and writable by " + user());
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SQLITE_HEADER.length);
            if (head.length > 0 && !Arrays.equals(head, SQLITE_HEADER)) {
                return Optional.of(file + " is not a SQLite database");
            }
        } catch (IOException e) {
            return Optional.of("cannot read " + file + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String user() {
        return "user " + System.getProperty("user.name");
    }
}
