package org.gatepost.hub.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresClusterTest {
    @TempDir
    Path dir;

    @Test
    void failsNamingThePackageWhenTheServerBinariesAreMissing() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> PostgresCluster.binaries(dir.resolve("postgresql")));

        assertTrue(e.getMessage().contains("apt-get install postgresql-15"), e.getMessage());
    }

    @Test
    void picksTheHighestMajorVersionInstalled() throws Exception {
        for (String major : new String[] {"9", "15", "13"}) {
            Path bin = Files.createDirectories(dir.resolve(major).resolve("bin"));
            for (String tool : new String[] {"initdb", "pg_ctl"}) {
                Files.createFile(
                        bin.resolve(tool),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        }

        assertEquals(dir.resolve("15").resolve("bin"), PostgresCluster.binaries(dir));
    }
}
