package org.gatepost.hub.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway pg_auto_failover formation for tests: a monitor and two PostgreSQL nodes (node 1 starts as the
 * primary, node 2 as its synchronous standby) on free loopback ports under a new temporary directory, each a
 * {@code pg_autoctl ... --run} process (package {@value #PACKAGE}; {@code pg_autoctl} itself comes with
 * {@code pg-auto-failover-cli}, a dependency of it). As root (CI) every command runs as the {@code postgres} user
 * through {@code runuser}, as {@link PostgresCluster} does; {@code trust} authentication on loopback.
 *
 * <p>The monitor's health checks are shortened ({@link #MONITOR_SETTINGS}) so that a primary whose postmaster
 * dies is failed over in seconds rather than pg_auto_failover's default of about 50 s. With one standby,
 * pg_auto_failover sets {@code synchronous_standby_names = 'ANY 1 (pgautofailover_standby_N)'} on the primary
 * ({@code number_sync_standbys = 0}, replication quorum on), so a commit is acknowledged only once the standby
 * has it; {@link #start} waits until that is so.
 *
 * <p>{@link #close()} always stops every process it started ({@code pg_autoctl stop --immediate}, then SIGKILL of
 * what is left of each process tree and of each node's postmaster) and deletes the directory. Not thread safe.
 * Missing binaries fail the test naming the package to install.
 */
public final class PgAutoFailover implements AutoCloseable {
    public static final String PACKAGE = "postgresql-15-auto-failover";
    public static final String DATABASE = "gatepost";
    /** Monitor settings (milliseconds) that make a failover take seconds; the defaults are in comments. */
    static final Map<String, Integer> MONITOR_SETTINGS = Map.of(
            "pgautofailover.health_check_period", 1000, // 5000
            "pgautofailover.health_check_timeout", 2000, // 5000
            "pgautofailover.health_check_max_retries", 1, // 2
            "pgautofailover.health_check_retry_delay", 500, // 2000
            "pgautofailover.node_considered_unhealthy_timeout", 2000, // 20000
            "pgautofailover.primary_demote_timeout", 2000); // 30000

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(180);

    private final Path bin;
    private final Path autoctl;
    private final Path dir;
    private final int monitorPort;
    private final int[] nodePorts;
    private final List<Process> processes = new ArrayList<>();

    private PgAutoFailover(Path bin, Path autoctl, Path dir, int monitorPort, int[] nodePorts) {
        this.bin = bin;
        this.autoctl = autoctl;
        this.dir = dir;
        this.monitorPort = monitorPort;
        this.nodePorts = nodePorts;
    }

    /** Monitor, then node 1 (primary), then node 2 (synchronous standby); about 20 to 40 s. */
    public static PgAutoFailover start() throws IOException, InterruptedException, SQLException {
        Path bin = PostgresCluster.binaries();
        Path autoctl = autoctl();
        Path dir = Files.createTempDirectory("gatepost-pgaf");
        for (String sub : List.of("config", "state", "run")) {
            Files.createDirectory(dir.resolve(sub)); // pg_autoctl falls back to /tmp/pg_autoctl without "run"
        }
        if (root()) {
            run(List.of("chown", "-R", PostgresCluster.SUPERUSER + ":" + PostgresCluster.SUPERUSER, dir.toString()));
        }
        PgAutoFailover f = new PgAutoFailover(bin, autoctl, dir, freePort(), new int[] {freePort(), freePort()});
        try {
            f.startMonitor();
            f.startNode(1);
            f.awaitStates("node 1 to run alone as the primary", "single");
            f.startNode(2);
            f.awaitStandby();
            return f;
        } catch (IOException | InterruptedException | SQLException | RuntimeException | Error e) {
            f.close();
            throw e;
        }
    }

    /** {@code pg_autoctl} on the PATH or in /usr/bin, or a failure naming the package. */
    static Path autoctl() {
        List<Path> candidates = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d, "pg_autoctl"));
            }
        }
        candidates.add(Path.of("/usr/bin/pg_autoctl"));
        return autoctl(candidates, Path.of("/usr/share/postgresql"));
    }

    /** The first executable candidate, when the pgautofailover extension is under {@code shareRoot/<major>}. */
    static Path autoctl(List<Path> candidates, Path shareRoot) {
        Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
        boolean hasExtension = false;
        try (Stream<Path> majors = Files.isDirectory(shareRoot) ? Files.list(shareRoot) : Stream.empty()) {
            hasExtension = majors.anyMatch(m -> Files.exists(m.resolve("extension/pgautofailover.control")));
        } catch (IOException e) {
            // reported below as missing
        }
        if (found.isEmpty() || !hasExtension) {
            throw new IllegalStateException("pg_auto_failover not found (pg_autoctl on the PATH or in /usr/bin, and the"
                    + " pgautofailover extension under " + shareRoot + "); install it with: apt-get install "
                    + PACKAGE);
        }
        return found.get();
    }

    /** The hub's URL: both nodes, and the driver picks whichever is the primary. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + nodePorts[0] + ",127.0.0.1:" + nodePorts[1] + "/" + DATABASE
                + "?targetServerType=primary";
    }

    /** A URL of node {@code n} (1 or 2) alone, whatever its role. */
    public String nodeUrl(int n) {
        return "jdbc:postgresql://127.0.0.1:" + nodePorts[n - 1] + "/" + DATABASE + "?connectTimeout=2";
    }

    /** The node (1 or 2) that answers as a primary right now, if any. */
    public Optional<Integer> primary() {
        for (int n = 1; n <= 2; n++) {
            try (Connection c = DriverManager.getConnection(nodeUrl(n), PostgresCluster.SUPERUSER, "");
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT pg_is_in_recovery()")) {
                if (r.next() && !r.getBoolean(1)) {
                    return Optional.of(n);
                }
            } catch (SQLException e) {
                // down or starting: not the primary
            }
        }
        return Optional.empty();
    }

    /** {@code synchronous_standby_names} on node {@code n}. */
    public String synchronousStandbyNames(int n) throws SQLException {
        try (Connection c = DriverManager.getConnection(nodeUrl(n), PostgresCluster.SUPERUSER, "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW synchronous_standby_names")) {
            r.next();
            return r.getString(1);
        }
    }

    /** The pid of node {@code n}'s postmaster, from its {@code postmaster.pid}. */
    public long postmasterPid(int n) throws IOException {
        return Long.parseLong(pidFileLine(n));
    }

    /** SIGKILL of node {@code n}'s postmaster (its keeper stays); returns its pid. */
    public long killPostmaster(int n) throws IOException {
        long pid = postmasterPid(n);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    /** The monitor's view: each node's name and reported state, as {@code node1=primary,node2=secondary}. */
    public String states() throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = DriverManager.getConnection(monitorUrl(), PostgresCluster.SUPERUSER, "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT nodename, reportedstate, goalstate FROM pgautofailover.node" + " ORDER BY nodeid")) {
            while (r.next()) {
                if (!b.isEmpty()) {
                    b.append(',');
                }
                b.append(r.getString(1)).append('=').append(r.getString(2));
                if (!r.getString(2).equals(r.getString(3))) {
                    b.append("->").append(r.getString(3));
                }
            }
        }
        return b.toString();
    }

    public Path dir() {
        return dir;
    }

    private void startMonitor() throws IOException, InterruptedException, SQLException {
        spawn(
                "monitor",
                List.of(
                        "create",
                        "monitor",
                        "--pgdata",
                        dir.resolve("monitor").toString(),
                        "--pgport",
                        String.valueOf(monitorPort),
                        "--listen",
                        "127.0.0.1"));
        await("the monitor's extension", () -> {
            try (Connection c = DriverManager.getConnection(monitorUrl(), PostgresCluster.SUPERUSER, "");
                    Statement s = c.createStatement();
                    ResultSet r =
                            s.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'pgautofailover'")) {
                return r.next() && r.getInt(1) == 1;
            } catch (SQLException e) {
                return false;
            }
        });
        try (Connection c = DriverManager.getConnection(monitorUrl(), PostgresCluster.SUPERUSER, "");
                Statement s = c.createStatement()) {
            for (Map.Entry<String, Integer> e : MONITOR_SETTINGS.entrySet()) {
                s.execute("ALTER SYSTEM SET " + e.getKey() + " = " + e.getValue());
            }
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private void startNode(int n) throws IOException {
        spawn(
                "node" + n,
                List.of(
                        "create",
                        "postgres",
                        "--pgdata",
                        dataDir(n).toString(),
                        "--pgport",
                        String.valueOf(nodePorts[n - 1]),
                        "--listen",
                        "127.0.0.1",
                        "--dbname",
                        DATABASE,
                        "--name",
                        "node" + n,
                        "--monitor",
                        "postgres://autoctl_node@127.0.0.1:" + monitorPort + "/pg_auto_failover?sslmode=disable"));
    }

    /**
     * Node 2's base backup waits for a checkpoint on node 1, which PostgreSQL spreads over minutes unless asked:
     * ask every two seconds until node 2 is a secondary and node 1 requires it for commits.
     */
    private void awaitStandby() throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        long nextCheckpoint = 0;
        while (true) {
            String states = states();
            if (states.equals("node1=primary,node2=secondary")
                    && !synchronousStandbyNames(1).isEmpty()) {
                return;
            }
            if (System.nanoTime() - nextCheckpoint > 0) {
                try (Connection c = DriverManager.getConnection(nodeUrl(1), PostgresCluster.SUPERUSER, "");
                        Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT");
                } catch (SQLException e) {
                    // node 1 restarting its configuration: next round
                }
                nextCheckpoint = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no standby in time: " + states + logs());
            }
            Thread.sleep(200);
        }
    }

    private void awaitStates(String what, String... states) throws InterruptedException {
        String wanted = String.join(",", states);
        await(what, () -> {
            try {
                StringBuilder b = new StringBuilder();
                for (String part : states().split(",")) {
                    if (!b.isEmpty()) {
                        b.append(',');
                    }
                    b.append(part.substring(part.indexOf('=') + 1));
                }
                return b.toString().equals(wanted);
            } catch (SQLException e) {
                return false;
            }
        });
    }

    private interface Check {
        boolean ok() throws InterruptedException;
    }

    private void await(String what, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        while (!check.ok()) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("pg_autoctl exited while waiting for " + what + logs());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + logs());
            }
            Thread.sleep(200);
        }
    }

    private String monitorUrl() {
        return "jdbc:postgresql://127.0.0.1:" + monitorPort + "/pg_auto_failover?connectTimeout=2";
    }

    private Path dataDir(int n) {
        return dir.resolve("node" + n);
    }

    private String pidFileLine(int n) throws IOException {
        return Files.readAllLines(dataDir(n).resolve("postmaster.pid"))
                .getFirst()
                .trim();
    }

    private void spawn(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(asPostgres());
        cmd.add(autoctl.toString());
        cmd.addAll(args);
        cmd.addAll(List.of(
                "--pgctl",
                bin.resolve("pg_ctl").toString(),
                "--hostname",
                "127.0.0.1",
                "--auth",
                "trust",
                "--no-ssl",
                "--run"));
        processes.add(new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start());
    }

    /** runuser as root, and an environment that keeps pg_autoctl's files in this formation's directory. */
    private List<String> asPostgres() {
        List<String> cmd = new ArrayList<>();
        if (root()) {
            cmd.addAll(List.of("runuser", "-u", PostgresCluster.SUPERUSER, "--"));
        }
        cmd.addAll(List.of(
                "env",
                "PATH=" + bin + ":/usr/bin:/bin",
                "XDG_CONFIG_HOME=" + dir.resolve("config"),
                "XDG_DATA_HOME=" + dir.resolve("state"),
                "XDG_RUNTIME_DIR=" + dir.resolve("run")));
        return cmd;
    }

    /** The tail of each process's log, for failure messages. */
    public String logs() {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("monitor", "node1", "node2")) {
            Path log = dir.resolve(name + ".log");
            try {
                if (Files.exists(log)) {
                    String text = Files.readString(log);
                    b.append("\n--- ")
                            .append(name)
                            .append(".log (tail)\n")
                            .append(text.substring(Math.max(0, text.length() - 3000)));
                }
            } catch (IOException e) {
                b.append("\n(").append(log).append(": ").append(e.getMessage()).append(')');
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            for (String name : List.of("node2", "node1", "monitor")) {
                if (Files.isDirectory(dir.resolve(name))) {
                    List<String> cmd = new ArrayList<>(asPostgres());
                    cmd.addAll(List.of(
                            autoctl.toString(),
                            "stop",
                            "--pgdata",
                            dir.resolve(name).toString(),
                            "--immediate"));
                    Process p = new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
            for (Process p : processes) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            for (String name : List.of("node1", "node2", "monitor")) {
                Path pidFile = dir.resolve(name).resolve("postmaster.pid");
                if (Files.exists(pidFile)) {
                    long pid = Long.parseLong(
                            Files.readAllLines(pidFile).getFirst().trim());
                    ProcessHandle.of(pid)
                            .filter(h -> h.info().command().orElse("").contains("postgres"))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
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
