package org.gatepost.simulator;

import org.gatepost.simulator.attack.AttackCommand;
import org.gatepost.simulator.demo.DemoCommand;
import org.gatepost.simulator.demo.DevicesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar gatepost-simulator.jar demo|devices|attack-stolen-gate ...} */
@Command(name = "gatepost-simulator", mixinStandardHelpOptions = true, version = "gatepost-simulator 0.1",
        description = "Stands in for the hardware of Gatepost gates.",
        subcommands = {DemoCommand.class, DevicesCommand.class, AttackCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
