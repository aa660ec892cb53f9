package org.gatepost.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.gatepost.agent.check.ConfigCheck;
import org.gatepost.agent.check.PortOpener;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.config.ConfigException;
import org.gatepost.agent.config.SecretFileCheck;
import org.gatepost.agent.console.ConsoleHttpLimits;
import org.gatepost.agent.device.serial.SerialShutdown;
import org.gatepost.agent.store.BackupCommand;
import org.gatepost.agent.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar gatepost-agent.jar --config agent.properties}: runs one gate until stopped. Subcommand
 * {@code backup} copies the gate's store ({@link BackupCommand}).
 */
@Command(
        name = "gatepost-agent",
        mixinStandardHelpOptions = true,
        version = "gatepost-agent 0.1",
        description = "Runs the Gatepost edge agent of one gate.",
        subcommands = BackupCommand.class)
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    // Checked in call(): a required=true option would be demanded from the subcommands too.
    @Option(names = "--config", paramLabel = "FILE", description = "agent properties file")
    Path config;

    @Option(
            names = "--check-config",
            description = "check the configuration, the serial ports and the store, "
                    + "then exit (0: fine, 2: one line per problem); connects to nothing")
    boolean checkConfig;

    @Spec
    CommandSpec spec;

    /** For fault-injection tests and drills: run with the wall clock shifted, e.g. -P365D (a year back). */
    @Option(names = "--clock-offset", hidden = true, paramLabel = "DURATION", defaultValue = "PT0S")
    Duration clockOffset;

    public static void main(String[] args) {
        ConsoleHttpLimits.apply(); // before any HTTP server exists: the JDK reads these once per JVM
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--config=FILE'");
        }
        if (checkConfig) {
            return new ConfigCheck(PortOpener.SYSTEM).run(config, System.out, System.err);
        }
        AgentConfig cfg;
        try {
            cfg = AgentConfig.load(config);
        } catch (ConfigException e) {
            System.err.println("gatepost-agent: configuration error in " + config + ": " + e.getMessage());
            return 2;
        }
        SecretFileCheck.check(config, AgentConfig.SECRET_KEYS)
                .ifPresent(exposed -> LOG.warn("event=config-readable-by-others {}", exposed));
        // Registered before the start (jSerialComm's loading takes a moment): a stop as soon as event=agent-started
        // is logged closes the agent; a stop during the start ends the process as it always did.
        AtomicReference<Agent> started = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        SerialShutdown.register(new Thread(
                () -> { // before jSerialComm closes the ports under the drivers
                    Agent running = started.get();
                    if (running != null) {
                        running.close();
                    }
                    stopped.countDown();
                },
                "shutdown"));
        try {
            started.set(Agent.start(cfg, Clock.offset(Clock.systemUTC(), clockOffset)));
        } catch (StoreException e) {
            System.err.println("gatepost-agent: cannot open the store " + cfg.storePath() + ": " + e.getMessage());
            return 1;
        }
        stopped.await();
        return 0;
    }
}
