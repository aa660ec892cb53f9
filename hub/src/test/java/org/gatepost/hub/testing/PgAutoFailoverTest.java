package org.gatepost.hub.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The formation the simulator's failover case runs on: a synchronous standby that takes over when the primary dies. */
class PgAutoFailoverTest {
    @Test
    void theSynchronousStandbyTakesOverWithEveryCommittedRowWhenThePrimarysPostmasterIsKilled() throws Exception {
        try (PgAutoFailover formation = PgAutoFailover.start()) {
            assertEquals(Optional.of(1), formation.primary());
            assertTrue(
                    formation.synchronousStandbyNames(1).startsWith("ANY 1 (pgautofailover_standby_"),
                    formation.synchronousStandbyNames(1));
            try (Connection c = DriverManager.getConnection(formation.jdbcUrl(), PostgresCluster.SUPERUSER, "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (n INT PRIMARY KEY)");
                s.execute("INSERT INTO t SELECT generate_series(1, 1000)");
            }

            formation.killPostmaster(1);

            Await.until("node 2 to accept writes through the multi-host URL", Duration.ofSeconds(120), () -> {
                try (Connection c = DriverManager.getConnection(formation.jdbcUrl(), PostgresCluster.SUPERUSER, "");
                        Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t VALUES (1001)");
                    return true;
                } catch (SQLException e) {
                    return false;
                }
            });
            // Node 2 may accept writes (stop_replication) before the monitor has moved it to "primary": wait for that.
            Await.until(
                    "the monitor to name node 2 primary",
                    Duration.ofSeconds(60),
                    () -> formation.primary().equals(Optional.of(2)));
            assertEquals(Optional.of(2), formation.primary(), formation.states());
            try (Connection c = DriverManager.getConnection(formation.nodeUrl(2), PostgresCluster.SUPERUSER, "");
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
                r.next();
                assertEquals(1001, r.getInt(1));
            }
        }
    }

    @Test
    void failsNamingThePackageWhenPgAutoctlOrItsExtensionIsMissing(@TempDir Path dir) {
        IllegalStateException noBinary = assertThrows(
                IllegalStateException.class,
                () -> PgAutoFailover.autoctl(List.of(dir.resolve("pg_autoctl")), Path.of("/usr/share/postgresql")));
        IllegalStateException noExtension = assertThrows(
                IllegalStateException.class, () -> PgAutoFailover.autoctl(List.of(Path.of("/bin/sh")), dir));

        assertTrue(
                noBinary.getMessage().contains("apt-get install postgresql-15-auto-failover"), noBinary.getMessage());
        assertTrue(
                noExtension.getMessage().contains("apt-get install postgresql-15-auto-failover"),
                noExtension.getMessage());
    }
}
