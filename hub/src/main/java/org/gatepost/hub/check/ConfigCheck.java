package org.gatepost.hub.check;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.gatepost.hub.config.ConfigException;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.config.SecretFileCheck;

/**
 * {@code gatepost-hub --check-config --config FILE}: validates the configuration file and checks the store and the
 * TLS trust store, without starting the hub: no broker connection, no embedded broker, no web server, no schema
 * migration. It touches: the SQLite store's folder and file (read only), or the PostgreSQL server of
 * {@code store.url} (one connection, {@code SELECT pg_is_in_recovery()}); the embedded broker's data folder; the
 * file of {@code -Djavax.net.ssl.trustStore}.
 *
 * <p>Prints one line per problem to stderr, naming the key, and returns {@link #PROBLEMS}; or one summary line to
 * stdout and returns {@link #OK}. Documented in {@code docs/deployment.md}.
 */
public final class ConfigCheck {
    public static final int OK = 0;
    public static final int PROBLEMS = 2;
    static final int CONNECT_TIMEOUT_S = 5;
    private static final String PREFIX = "gatepost-hub: check-config: ";

    private ConfigCheck() {}

    /** The problems, each {@code key: what is wrong}; what was checked and found fine goes to {@code checked}. */
    public static List<String> problems(Path configFile, List<String> checked) {
        HubConfig cfg;
        try {
            cfg = HubConfigParser.load(configFile);
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
        List<String> out = new ArrayList<>();
        SecretFileCheck.check(configFile, HubConfig.SECRET_KEYS)
                .ifPresent(x -> out.add("(file): " + x.file() + " holds secrets (" + String.join(",", x.keys())
                        + ") and others can read it (mode " + x.mode() + "): chmod 640 and chown root:gatepost"));
        if (cfg.storeUrl().isPresent()) {
            postgresProblem(cfg)
                    .ifPresentOrElse(
                            p -> out.add(HubConfig.KEY_STORE_URL + ": " + p),
                            () -> checked.add("store.url (PostgreSQL primary reachable)"));
        } else {
            StoreFileCheck.problem(cfg.storePath())
                    .ifPresentOrElse(
                            p -> out.add(HubConfig.KEY_STORE_PATH + ": " + p),
                            () -> checked.add("store.path=" + cfg.storePath() + " (writable)"));
        }
        if (cfg.embeddedBroker()) {
            brokerDataProblem(cfg.brokerData())
                    .ifPresentOrElse(
                            p -> out.add(HubConfig.KEY_BROKER_DATA + ": " + p),
                            () -> checked.add("broker.data=" + cfg.brokerData() + " (writable)"));
        }
        String trustStore = System.getProperty(TrustStoreCheck.PROPERTY);
        TrustStoreCheck.problem(trustStore, System.getProperty("javax.net.ssl.trustStorePassword"))
                .ifPresentOrElse(p -> out.add(TrustStoreCheck.PROPERTY + ": " + p), () -> {
                    if (trustStore != null) {
                        checked.add(TrustStoreCheck.PROPERTY + "=" + trustStore + " (loads)");
                    }
                });
        return out;
    }

    /** Runs the check and prints its result; returns the exit status. */
    public static int run(Path configFile, PrintStream out, PrintStream err) {
        List<String> checked = new ArrayList<>();
        List<String> problems = problems(configFile, checked);
        for (String p : problems) {
            err.println(PREFIX + p);
        }
        if (!problems.isEmpty()) {
            return PROBLEMS;
        }
        out.println(PREFIX + "ok " + configFile + ": " + String.join(", ", checked));
        return OK;
    }

    private static Optional<String> postgresProblem(HubConfig cfg) {
        Properties props = new Properties();
        cfg.storeUsername().ifPresent(u -> props.setProperty("user", u));
        cfg.storePassword().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("socketTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("ApplicationName", "gatepost-hub-check-config");
        try (Connection c = DriverManager.getConnection(cfg.storeUrl().orElseThrow(), props);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1)
                    ? Optional.of("the server is a standby (read only); the hub needs the primary")
                    : Optional.empty();
        } catch (SQLException e) {
            return Optional.of("cannot connect: " + e.getMessage());
        }
    }

    private static Optional<String> brokerDataProblem(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return Files.isWritable(abs)
                    ? Optional.empty()
                    : Optional.of("folder " + abs + " is not writable by user " + System.getProperty("user.name"));
        }
        if (Files.exists(abs)) {
            return Optional.of(abs + " is not a folder");
        }
        Path parent = abs.getParent();
        if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
            return Optional.of("cannot create " + abs + ": folder " + parent + " is missing or not writable");
        }
        return Optional.empty();
    }
}
