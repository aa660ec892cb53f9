package org.gatepost.agent.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatepost-agent backup --config FILE [--force] OUT}: a consistent copy of the gate's store (its outbox) made
 * while the agent runs or not ({@link OutboxCopy}), mode 600. Exit codes: 0 written, 1 failed, 2 configuration
 * error, OUT exists, or the store is not a gate's store. One line on standard output or standard error.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a consistent copy of the gate's store (its outbox), also while the agent runs.",
            "OUT gets mode 600. Exit codes: 0 written, 1 failed, 2 configuration error or OUT exists."
        })
public final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent's properties file.")
    Path config;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    @Parameters(paramLabel = "OUT", description = "The copy to write (a new file unless --force).")
    Path out;

    @Override
    public Integer call() {
        AgentConfig cfg;
        try {
            cfg = AgentConfig.load(config);
        } catch (ConfigException e) {
            return fail(2, "configuration error in " + config + ": " + e.getMessage());
        }
        try {
            OutboxCopy.Summary s = OutboxCopy.copy(cfg.storePath(), out, force);
            spec.commandLine()
                    .getOut()
                    .println("backup written: " + out.toAbsolutePath() + " (gate " + s.gate()
                            + ", epoch " + s.epoch() + ", " + s.rows() + " entries up to seq " + s.lastSeq() + ", from "
                            + cfg.storePath().toAbsolutePath() + ")");
            spec.commandLine().getOut().flush();
            return 0;
        } catch (FileAlreadyExistsException e) {
            return fail(2, out + " exists (--force replaces it)");
        } catch (StoreException | IOException e) {
            return fail(1, e.getMessage());
        }
    }

    private int fail(int code, String message) {
        spec.commandLine().getErr().println("gatepost-agent backup: " + message);
        spec.commandLine().getErr().flush();
        return code;
    }
}
