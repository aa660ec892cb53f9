package org.gatepost.simulator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * How the benchmark launches the agent and the hub: from their runnable jars when {@code ./gatepost bench}
 * names them ({@code -Dgatepost.bench.agentJar=…}, {@code -Dgatepost.bench.hubJar=…}), as deployed; otherwise
 * (the smoke test under Maven) from this JVM's class path.
 */
final class Programs {
    static final String AGENT_JAR_PROPERTY = "gatepost.bench.agentJar";
    static final String HUB_JAR_PROPERTY = "gatepost.bench.hubJar";
    /** Extra JVM flags for every agent JVM, space-separated, to try a setting (e.g. -XX:NativeMemoryTracking=summary). */
    static final String AGENT_FLAGS_PROPERTY = "gatepost.bench.agentFlags";
    /**
     * Agent configuration keys to override in the benchmark gates' agent processes, {@code key=value,key=value},
     * to measure a setting against the defaults (e.g. {@code uplink.max-in-flight=32}).
     */
    static final String AGENT_CONFIG_PROPERTY = "gatepost.bench.agentConfig";

    private Programs() {}

    /** The unit that runs the agent on a gate; its {@code ExecStart} names the JVM flags as deployed. */
    static final String AGENT_UNIT = "deploy/gatepost-agent.service";

    /** The agent's JVM as the issue fixes it ({@code -Xmx64m -XX:+UseSerialGC}), plus {@link #AGENT_FLAGS_PROPERTY}. */
    static List<String> agentJvm() {
        return withExtraFlags(List.of("-Xmx64m", "-XX:+UseSerialGC"));
    }

    /**
     * The agent's JVM flags as {@value #AGENT_UNIT} deploys them (its {@code Environment="JAVA_OPTS=..."} line, which
     * {@code /usr/bin/gatepost-agent} puts before {@code -jar}), plus {@link #AGENT_FLAGS_PROPERTY}. Read from the
     * unit, so the benchmark measures what is installed. Found from the repository root ({@code ./gatepost bench})
     * or a module (Maven).
     */
    static List<String> deployedAgentJvm() {
        Path unit = Path.of(AGENT_UNIT);
        if (!Files.exists(unit)) {
            unit = Path.of("..").resolve(AGENT_UNIT);
        }
        String prefix = "Environment=\"JAVA_OPTS=";
        try {
            String line = Files.readString(unit)
                    .lines()
                    .filter(l -> l.startsWith(prefix))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no JAVA_OPTS in " + AGENT_UNIT));
            String opts = line.substring(prefix.length(), line.lastIndexOf('"')).trim();
            return withExtraFlags(List.of(opts.split("\\s+")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + AGENT_UNIT + " (run from the repository)", e);
        }
    }

    private static List<String> withExtraFlags(List<String> base) {
        List<String> flags = new ArrayList<>(base);
        String extra = System.getProperty(AGENT_FLAGS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            flags.addAll(List.of(extra.split("\\s+")));
        }
        return List.copyOf(flags);
    }

    /** {@link #AGENT_CONFIG_PROPERTY} applied to {@code p}; returns the overrides as given, or "" for none. */
    static String overrideAgentConfig(Properties p) {
        String overrides = System.getProperty(AGENT_CONFIG_PROPERTY, "").trim();
        if (overrides.isEmpty()) {
            return "";
        }
        for (String kv : overrides.split(",")) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(AGENT_CONFIG_PROPERTY + " must be key=value,...: " + overrides);
            }
            p.setProperty(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return overrides;
    }

    /** Extra JVM flags for every hub JVM, space-separated (e.g. a flight recording), to look inside it. */
    static final String HUB_FLAGS_PROPERTY = "gatepost.bench.hubFlags";

    /** The hub's JVM: defaults (a server), plus {@link #HUB_FLAGS_PROPERTY}. */
    static List<String> hubJvm() {
        String extra = System.getProperty(HUB_FLAGS_PROPERTY, "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    static List<String> agent() {
        return launch(AGENT_JAR_PROPERTY, "org.gatepost.agent.Main");
    }

    static List<String> hub() {
        return launch(HUB_JAR_PROPERTY, "org.gatepost.hub.Main");
    }

    /** A main class of the benchmark itself, from this JVM's class path. */
    static List<String> onClassPath(Class<?> main) {
        return List.of("-cp", System.getProperty("java.class.path"), main.getName());
    }

    /** "jar" or "class path", for the report. */
    static String agentLaunchKind() {
        return jar(AGENT_JAR_PROPERTY) != null
                ? "its jar (" + jar(AGENT_JAR_PROPERTY).getFileName() + ")"
                : "the test class path";
    }

    private static List<String> launch(String property, String mainClass) {
        Path jar = jar(property);
        if (jar != null) {
            return List.of("-jar", jar.toString());
        }
        return List.of("-cp", System.getProperty("java.class.path"), mainClass);
    }

    private static Path jar(String property) {
        String p = System.getProperty(property);
        if (p == null || p.isBlank()) {
            return null;
        }
        Path jar = Path.of(p).toAbsolutePath();
        return Files.isRegularFile(jar) ? jar : null;
    }
}
