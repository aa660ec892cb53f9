package org.gatepost.hub;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gatepost.hub.check.ConfigCheck;
import org.gatepost.hub.config.ConfigException;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.config.SecretFileCheck;
import org.gatepost.hub.deploy.MosquittoSetupCommand;
import org.gatepost.hub.ops.BackupCommand;
import org.gatepost.hub.ops.PurgeCommand;
import org.gatepost.hub.ops.ResetPasswordCommand;
import org.gatepost.hub.ops.RestoreCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar gatepost-hub.jar --config hub.properties}: reads the configuration, starts the {@link Hub}
 * and runs until the process is stopped (SIGTERM/Ctrl-C), when a shutdown hook stops everything cleanly.
 * Exit codes: 0 normal stop, 1 start failure, 2 usage or configuration error.
 *
 * <p>Subcommand {@code mosquitto-setup} writes a Mosquitto setup for a list of gates ({@link MosquittoSetupCommand});
 * {@code backup}, {@code restore}, {@code reset-password} and {@code purge} work on the store
 * ({@code docs/deployment.md}, docs/security.md).
 */
@Command(
        name = "gatepost-hub",
        mixinStandardHelpOptions = true,
        version = "gatepost-hub 0.1.0",
        description = "Gatepost hub: ingests gate entries over MQTT, raises alerts, serves the dashboard.",
        customSynopsis = {
            "gatepost-hub --config=FILE",
            "gatepost-hub mosquitto-setup --out=DIR --gates=ID[,ID...] [OPTIONS] (see mosquitto-setup --help)",
            "gatepost-hub backup --config=FILE [--force] OUT",
            "gatepost-hub restore --config=FILE IN",
            "gatepost-hub reset-password --config=FILE NAME",
            "gatepost-hub purge --config=FILE --confirm=PURGE"
        },
        subcommands = {
            MosquittoSetupCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            ResetPasswordCommand.class,
            PurgeCommand.class
        })
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    // Required for running the hub, checked in call(): a required=true option would be demanded from subcommands too.
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Hub properties file (every key is described in docs/hub.example.properties).")
    private Path config;

    @Option(
            names = "--check-config",
            description = "Check the configuration, the store and the TLS trust store, then "
                    + "exit (0: fine, 2: one line per problem). Starts no broker connection, no web server.")
    private boolean checkConfig;

    public static void main(String[] args) {
        int rc = new CommandLine(new Main()).execute(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--config=FILE'");
        }
        if (checkConfig) {
            return ConfigCheck.run(config, System.out, System.err);
        }
        HubConfig cfg;
        try {
            cfg = HubConfigParser.load(config);
        } catch (ConfigException e) {
            System.err.println("gatepost-hub: configuration error: " + e.getMessage());
            return 2;
        }
        SecretFileCheck.check(config, HubConfig.SECRET_KEYS)
                .ifPresent(exposed -> log.warn("event=config-readable-by-others {}", exposed));
        Hub hub;
        try {
            // The system zone only stands in for hub.zone when the key is absent (Hub.start warns if it is UTC).
            hub = Hub.start(cfg, Clock.systemDefaultZone());
        } catch (HubStartException e) {
            log.error("event=hub-start-failed reason={}", e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("event=hub-stopping");
                            hub.close();
                            stopped.countDown();
                        },
                        "hub-shutdown"));
        log.info("event=dashboard-ready url={}", hub.dashboardUrl());
        log.info("event=mqtt-broker url={} embedded={}", hub.brokerUrl(), hub.embeddedBroker());
        stopped.await();
        return 0;
    }
}
