package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createsTheHubDatabaseAndItsWalAndShmReadableByTheOwnerOnly() throws Exception {
        Path db = dir.resolve("data").resolve("hub.db");
        try (SqliteHubStore store = SqliteHubStore.open(db)) {
            for (String name : new String[] {"hub.db", "hub.db-wal", "hub.db-shm"}) {
                Path f = db.resolveSibling(name);
                assertTrue(Files.exists(f), name + " exists while the store is open");
                assertEquals("rw-------", mode(f), name);
            }
        }
    }

    @Test
    void narrowsAWorldReadableDatabaseLeftByAnEarlierVersion() throws Exception {
        Path db = dir.resolve("hub.db");
        SqliteHubStore.open(db).close();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

        try (SqliteHubStore store = SqliteHubStore.open(db)) {
            assertEquals("rw-------", mode(db));
            assertEquals("rw-------", mode(dir.resolve("hub.db-wal")));
        }
    }
}
