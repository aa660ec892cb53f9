package org.gatepost.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseFilesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static void assertOwnerOnly(Path f) throws Exception {
        assertTrue(Files.exists(f), f + " exists while the database is open");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
    }

    @Test
    void createsTheGatesEntryDatabaseAndItsWalAndShmReadableByTheOwnerOnly() throws Exception {
        Path db = dir.resolve("var").resolve("gate.db");
        try (SqliteEntryStore store = SqliteEntryStore.open(db, "g1", CLOCK)) {
            assertOwnerOnly(db);
            assertOwnerOnly(db.resolveSibling("gate.db-wal"));
            assertOwnerOnly(db.resolveSibling("gate.db-shm"));
        }
    }

    @Test
    void createsTheListDatabaseReadableByTheOwnerOnlyAndNarrowsAnOldOne() throws Exception {
        Path db = dir.resolve("lists.db");
        ListDatabase.open(db).close();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

        try (ListDatabase lists = ListDatabase.open(db)) {
            assertOwnerOnly(db);
            assertOwnerOnly(dir.resolve("lists.db-wal"));
        }
    }
}
