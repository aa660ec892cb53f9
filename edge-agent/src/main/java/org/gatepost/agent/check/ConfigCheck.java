package org.gatepost.agent.check;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.config.ConfigException;
import org.gatepost.agent.config.ReaderConfig;
import org.gatepost.agent.config.SecretFileCheck;

/**
 * {@code gatepost-agent --check-config}: validates the configuration file, opens and closes each local serial port
 * (sending nothing), checks that the store could be opened for writing (creating nothing) and loads the TLS trust
 * store of {@code -Djavax.net.ssl.trustStore} if one is set. It connects to no broker, starts no GPIO and shows no
 * gate online. Ports given as {@code tcp://} are not contacted.
 *
 * <p>Prints one line per problem to stderr, naming the key, and returns {@link #PROBLEMS}; or one summary line to
 * stdout and returns {@link #OK}. Documented in {@code docs/install.md}.
 */
public final class ConfigCheck {
    public static final int OK = 0;
    public static final int PROBLEMS = 2;
    private static final String PREFIX = "gatepost-agent: check-config: ";

    private final PortOpener ports;

    public ConfigCheck(PortOpener ports) {
        this.ports = ports;
    }

    /** The problems, each {@code key: what is wrong}; empty when everything checked is fine. */
    public List<String> problems(Path configFile, List<String> checked) {
        AgentConfig cfg;
        try {
            cfg = AgentConfig.load(configFile);
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
        List<String> out = new ArrayList<>();
        SecretFileCheck.check(configFile, AgentConfig.SECRET_KEYS)
                .ifPresent(x -> out.add("(file): " + x.file() + " holds secrets (" + String.join(",", x.keys())
                        + ") and others can read it (mode " + x.mode() + "): chmod 640 and chown root:gatepost"));
        for (Port port : ports(cfg)) {
            if (port.path().startsWith("tcp://")) {
                checked.add(port.key() + "=" + port.path() + " (tcp, not contacted)");
                continue;
            }
            try {
                ports.openAndClose(port.path(), port.baud());
                checked.add(port.key() + "=" + port.path() + " (opened)");
            } catch (IOException e) {
                out.add(port.key() + ": " + e.getMessage());
            }
        }
        StoreFileCheck.problem(cfg.storePath())
                .ifPresentOrElse(
                        p -> out.add("store.path: " + p),
                        () -> checked.add("store.path=" + cfg.storePath() + " (writable)"));
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
    public int run(Path configFile, PrintStream out, PrintStream err) {
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

    private record Port(String key, String path, int baud) {}

    /** Every configured serial port, in configuration order. */
    private static List<Port> ports(AgentConfig cfg) {
        List<Port> all = new ArrayList<>();
        all.add(new Port("thermometer.port", cfg.thermometerPort(), baudOrDefault(cfg.thermometerBaud())));
        all.add(new Port("idcard.port", cfg.idcardPort(), cfg.idcardBaud()));
        for (ReaderConfig r : cfg.readers()) {
            if (r.port() != null) {
                all.add(new Port("reader." + r.name() + ".port", r.port(), r.baud()));
            }
        }
        return all;
    }

    private static int baudOrDefault(int baud) {
        return baud == AgentConfig.AUTO_BAUD ? AgentConfig.DEFAULT_THERMOMETER_BAUD : baud;
    }
}
