package org.gatepost.agent.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * A consistent copy of the gate's store (outbox, meta, ledger), for the {@code backup} command: SQLite's
 * {@code VACUUM INTO} on a read-only connection of its own, so it may run while the agent appends (WAL: the copy
 * holds every commit made when it began, whether still in the {@code -wal} file or not). Written under a
 * temporary name, mode 600, flushed, then renamed. Stateless.
 */
public final class OutboxCopy {
    /** What the copy holds: its gate and epoch, its outbox rows and the highest seq among them (0: none). */
    public record Summary(String gate, String epoch, long rows, long lastSeq) {}

    private OutboxCopy() {}

    /**
     * Copies the store {@code from} to {@code to}; refuses an existing {@code to} unless {@code replace}, and a
     * file that is not a gate's store. Returns what the copy holds, read back from it.
     */
    public static Summary copy(Path from, Path to, boolean replace) throws StoreException, IOException {
        if (!Files.isRegularFile(from)) {
            throw new StoreException(from + ": no such file");
        }
        if (!replace && Files.exists(to)) {
            throw new FileAlreadyExistsException(to.toString(), null, "exists (--force replaces it)");
        }
        summary(from);
        Path partial = Path.of(to.toAbsolutePath() + ".partial");
        Files.deleteIfExists(partial);
        Path parent = partial.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(DatabaseFiles.OWNER_ONLY));
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
            Summary copied = summary(partial);
            if (replace) {
                Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
            }
            return copied;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Summary summary(Path file) throws StoreException {
        try (Connection c = readOnly(file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT gate, epoch, (SELECT count(*) FROM outbox),"
                        + " (SELECT coalesce(max(seq), 0) FROM outbox) FROM meta WHERE id = 1")) {
            if (!rs.next()) {
                throw new StoreException(file + " is not a Gatepost gate store (no meta row)");
            }
            return new Summary(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
        } catch (SQLException e) {
            throw new StoreException(file + " is not a Gatepost gate store: " + e.getMessage(), e);
        }
    }

    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }
}
