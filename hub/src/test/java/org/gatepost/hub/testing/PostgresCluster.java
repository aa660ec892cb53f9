package org.gatepost.hub.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: Debian's server binaries ({@code /usr/lib/postgresql/<major>/bin},
 * package {@code postgresql-15}), a data directory under a new temporary directory, a free loopback port, its own
 * socket directory, {@code trust} authentication and {@code fsync=off} (or, {@link #startDurable()}, the durable
 * defaults, for benchmarks). PostgreSQL refuses to run as root, so as
 * root (CI) every server command runs as the {@code postgres} user through {@code runuser}, on directories that
 * user owns; otherwise as the current user. {@link #close()} stops the server and deletes the directory.
 * Missing binaries fail the test with the package to install (tests never skip for a missing tool).
 */
public final class PostgresCluster implements AutoCloseable {
    public static final String PACKAGE = "postgresql-15";
    public static final String SUPERUSER = "postgres";
    private static final long COMMAND_TIMEOUT_S = 60;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private final boolean durable;
    private boolean running;

    private PostgresCluster(Path bin, Path dir, int port, boolean durable) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.durable = durable;
    }

    /** initdb and start; about 2 s. */
    public static PostgresCluster start() throws IOException, InterruptedException {
        return start(false);
    }

    /**
     * As {@link #start()}, with fsync, synchronous commit and full-page writes on (PostgreSQL's defaults, as a
     * production server runs): commits are as durable as the SQLite hub's, for benchmarks that compare the two.
     */
    public static PostgresCluster startDurable() throws IOException, InterruptedException {
        return start(true);
    }

    /** The major version of the server binaries {@link #start()} uses, e.g. {@code 15}. */
    public static String majorVersion() {
        try {
            return Integer.toString(majorOf(binaries()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PostgresCluster start(boolean durable) throws IOException, InterruptedException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("gatepost-pg");
        if (root()) {
            run(List.of("chown", SUPERUSER + ":" + SUPERUSER, dir.toString()), dir);
        }
        PostgresCluster c = new PostgresCluster(bin, dir, freePort(), durable);
        c.server(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                c.data().toString(),
                "-A",
                "trust",
                "-U",
                SUPERUSER,
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync"));
        c.startServer();
        return c;
    }

    /** The server directory: the highest major version installed, or a failure naming the package. */
    static Path binaries() throws IOException {
        return binaries(Path.of("/usr/lib/postgresql"));
    }

    static Path binaries(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            try (Stream<Path> majors = Files.list(root)) {
                List<Path> found = majors.map(p -> p.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .sorted(Comparator.comparing((Path b) -> majorOf(b)).reversed())
                        .toList();
                if (!found.isEmpty()) {
                    return found.getFirst();
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found under " + root
                + "; install them with: apt-get install " + PACKAGE + " (see docs/development.md)");
    }

    private static int majorOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of {@code database} on this cluster (user {@link #SUPERUSER}, no password). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new empty database and returns its name. Thread safe. */
    public String createDatabase() throws SQLException {
        return createDatabase("template1");
    }

    /** Creates a new database as a copy of {@code template} (which nobody may be connected to). */
    public String createDatabase(String template) throws SQLException {
        String name = "t" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name + " TEMPLATE " + template);
        }
        return name;
    }

    /** Stops the server (fast shutdown); {@link #startServer()} brings it back on the same port and data. */
    public synchronized void stopServer() throws IOException, InterruptedException {
        if (running) {
            server(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"));
            running = false;
        }
    }

    public synchronized void startServer() throws IOException, InterruptedException {
        server(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data().toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "30",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                        + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
                        + " -c max_connections=200",
                "start"));
        running = true;
    }

    @Override
    public synchronized void close() throws IOException, InterruptedException {
        try {
            if (running) {
                server(List.of(
                        bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
                running = false;
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void server(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(command);
        run(full, dir);
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("gatepost-pg-cmd", ".out");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                String log =
                        dir.resolve("server.log").toFile().exists() ? Files.readString(dir.resolve("server.log")) : "";
                throw new IOException(
                        String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(out) + log);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
