package org.gatepost.agent.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Keeps an SQLite database readable by its owner only (mode 600): creates the file with that mode before SQLite
 * opens it (SQLite gives the -wal, -shm and -journal files it creates later the database file's mode), and
 * narrows the mode of those files when an earlier version left them wider. Does nothing on a file system without
 * POSIX permissions. Stateless and thread safe.
 */
public final class DatabaseFiles {
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final List<String> SIDE_FILES = List.of("", "-wal", "-shm", "-journal");

    private DatabaseFiles() {}

    /** Creates the parent directories and {@code db} (mode 600) if missing, and narrows the files that exist. */
    public static void prepare(Path db) throws IOException {
        Path file = db.toAbsolutePath();
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException existing) {
            // narrowed below
        }
        for (String suffix : SIDE_FILES) {
            Path f = Path.of(file + suffix);
            if (Files.exists(f) && !Files.getPosixFilePermissions(f).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(f, OWNER_ONLY);
            }
        }
    }
}
