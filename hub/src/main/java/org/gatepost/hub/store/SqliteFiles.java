package org.gatepost.hub.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.sqlite.SQLiteConfig;

/**
 * Whole-file operations on a hub's SQLite store, for the {@code backup} and {@code restore} commands.
 * {@link #copy} makes a consistent copy with SQLite's {@code VACUUM INTO} on a read-only connection of its own, so
 * it may run while a hub writes the store (WAL: the copy holds every transaction committed when it began,
 * whether still in the {@code -wal} file or not). Copies are written under a temporary name, mode 600, flushed to
 * disk and then renamed, so a copy interrupted by a crash never sits under the final name. Stateless.
 */
public final class SqliteFiles {
    static final String PARTIAL_SUFFIX = ".partial";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SqliteFiles() {}

    /** The newest schema version this hub knows (a store of a newer one is refused). */
    public static int currentSchema() {
        return Migrations.CURRENT;
    }

    /**
     * The schema version of the hub store {@code file}: the newest successful migration in its Flyway history, or
     * its {@code PRAGMA user_version} for a file from before versioned migrations. Opens the file read-only.
     *
     * @throws StoreException when the file is missing, not SQLite, damaged ({@code PRAGMA quick_check}) or not a
     *                        Gatepost hub store
     */
    public static int schemaVersion(Path file) throws StoreException {
        requireFile(file);
        try (Connection c = readOnly(file);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                String first = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(first)) {
                    throw new StoreException(file + " is damaged: " + first);
                }
            }
            if (hasTable(s, "flyway_schema_history")) {
                try (ResultSet rs = s.executeQuery("SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history"
                        + " WHERE success = 1 AND version IS NOT NULL")) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return rs.getInt(1);
                    }
                }
            } else if (hasTable(s, "entries") && hasTable(s, "alerts")) {
                try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    int v = rs.next() ? rs.getInt(1) : 0;
                    if (v > 0) {
                        return v;
                    }
                }
            }
            throw new StoreException(file + " is not a Gatepost hub store (no schema history)");
        } catch (SQLException e) {
            throw new StoreException(file + " is not a readable SQLite database: " + e.getMessage(), e);
        }
    }

    /**
     * Copies the store {@code from} to {@code to} (mode 600), consistent even while a hub writes {@code from}.
     * Refuses an existing {@code to} unless {@code replace}. Blocks for the copy; holds no lock a writer waits on.
     */
    public static void copy(Path from, Path to, boolean replace) throws StoreException, IOException {
        requireFile(from);
        if (!replace && Files.exists(to)) {
            throw new FileAlreadyExistsException(to.toString(), null, "exists (--force replaces it)");
        }
        Path partial = Path.of(to.toAbsolutePath() + PARTIAL_SUFFIX);
        Files.deleteIfExists(partial);
        createOwnerOnly(partial);
        try {
            try (Connection c = readOnly(from);
                    Statement s = c.createStatement()) {
                s.execute("VACUUM INTO '" + partial.toString().replace("'", "''") + "'");
            } catch (SQLException e) {
                throw new StoreException("cannot copy " + from + ": " + e.getMessage(), e);
            }
            try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ch.force(true); // VACUUM INTO does not sync what it wrote
            }
            if (replace) {
                Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Puts {@code replacement} in the place of the store {@code store} (which no hub may have open): moves the
     * present store, with its {@code -wal} file, to {@code <store>.before-restore-<UTC time>} (and {@code -wal}
     * beside it, where SQLite finds it when that copy is opened), then copies {@code replacement} to
     * {@code store}. Returns the name the old store now has, or {@code null} when there was none.
     */
    public static Path replace(Path store, Path replacement, Instant now) throws StoreException, IOException {
        Path target = store.toAbsolutePath();
        Path staged = Path.of(target + ".restoring");
        copy(replacement, staged, true);
        try {
            Path kept = null;
            if (Files.exists(target)) {
                kept = Path.of(target + ".before-restore-" + STAMP.format(now));
                Files.move(target, kept, StandardCopyOption.ATOMIC_MOVE);
                moveIfExists(Path.of(target + "-wal"), Path.of(kept + "-wal"));
                moveIfExists(Path.of(target + "-journal"), Path.of(kept + "-journal"));
                Files.deleteIfExists(Path.of(target + "-shm")); // an index of the -wal, rebuilt when opened
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return kept;
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void requireFile(Path file) throws StoreException {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + ": no such file", new NoSuchFileException(file.toString()));
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(DatabaseFiles.OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
    }

    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static boolean hasTable(Statement s, String name) throws SQLException {
        try (ResultSet rs =
                s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'")) {
            return rs.next();
        }
    }
}
