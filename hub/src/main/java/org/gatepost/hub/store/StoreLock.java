package org.gatepost.hub.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The sign that a hub uses a SQLite store: an exclusive operating-system lock on the file {@code <store>.lock}
 * beside it (mode 600, left in place), held by a running hub from before it opens the store until it has closed
 * it, and by the commands that need a stopped hub ({@code restore}, {@code reset-password}) while they work. The
 * operating system drops the lock when the process ends, however it ends, so a killed hub leaves no stale lock.
 * Not the database file itself: SQLite's own POSIX locks on it would be dropped when another descriptor of the
 * same file closed. Within one JVM a second acquirer is refused as well. {@link #close()} releases it; idempotent.
 */
public final class StoreLock implements AutoCloseable {
    public static final String SUFFIX = ".lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of the store {@code db}. */
    public static Path fileOf(Path db) {
        return Path.of(db.toAbsolutePath() + SUFFIX);
    }

    /**
     * Takes the lock of the store {@code db} without waiting; empty when another process (or another holder in
     * this JVM) has it. Creates the store's directory and the lock file (mode 600) when missing.
     */
    public static Optional<StoreLock> tryAcquire(Path db) throws IOException {
        Path file = fileOf(db);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)
                && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(DatabaseFiles.OWNER_ONLY));
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: fine, the lock decides
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new StoreLock(file, channel, lock));
        } catch (OverlappingFileLockException heldHere) {
            channel.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // closing the channel drops the lock in any case
        }
    }
}
