package org.gatepost.simulator;

import org.gatepost.simulator.attack.AttackCommand;
import org.gatepost.simulator.demo.DemoCommand;
import org.gatepost.simulator.demo.DevicesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** {@code java -jar gatepost-simulator.jar demo|devices|attack-stolen-gate ...} */
@Command(
        name = "gatepost-simulator",
        mixinStandardHelpOptions = true,
        version = "gatepost-simulator 0.1",
        description = "Stands in for the hardware of Gatepost gates.",
        subcommands = {DemoCommand.class, DevicesCommand.class, AttackCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its error handling: a bad option (unknown, malformed, out of range, a port already
     * taken) is one line on standard error naming the option, and exit status 2; no usage dump, no stack trace.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setParameterExceptionHandler(Main::badOption);
    }

    private static int badOption(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String name = cl.getCommandName();
        String program = name.equals("demo")
                ? "gatepost demo"
                : cl.getParent() == null ? "gatepost simulator" : "gatepost simulator " + name;
        cl.getErr().println(program + ": " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        cl.getErr().flush();
        return CommandLine.ExitCode.USAGE;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
