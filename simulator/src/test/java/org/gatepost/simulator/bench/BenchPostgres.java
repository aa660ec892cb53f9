package org.gatepost.simulator.bench;

import java.io.IOException;
import java.sql.SQLException;
import org.gatepost.hub.testing.PostgresCluster;

/**
 * A PostgreSQL server for the benchmarks: Debian's {@code postgresql-15} binaries through the tests'
 * {@link PostgresCluster}, but durable (fsync and synchronous commit on, as a production server runs), so a figure on
 * PostgreSQL compares with the SQLite hub's durable commits.
 */
final class BenchPostgres implements AutoCloseable {
    private final PostgresCluster cluster;

    private BenchPostgres(PostgresCluster cluster) {
        this.cluster = cluster;
    }

    static BenchPostgres start() throws IOException, InterruptedException {
        return new BenchPostgres(PostgresCluster.startDurable());
    }

    /** The server's major version, as installed. */
    static String version() {
        return PostgresCluster.majorVersion();
    }

    /** A new empty database's JDBC URL. */
    String createDatabase() throws SQLException {
        return cluster.url(cluster.createDatabase());
    }

    String user() {
        return PostgresCluster.SUPERUSER;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        cluster.close();
    }
}
