package org.gatepost.simulator.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gatepost.agent.device.serial.SerialShutdown;
import org.gatepost.simulator.crowd.Crowd;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.pty.SocatPtyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code devices}: the emulated hardware of one gate for an agent running in another process. Prints the
 * port settings to put in that agent's configuration.
 */
@Command(
        name = "devices",
        mixinStandardHelpOptions = true,
        description =
                "Emulates one gate's thermometer, ID card reader, RFID reader and QR scanner for an agent in another process.")
public final class DevicesCommand implements Callable<Integer> {
    @Option(
            names = "--dir",
            defaultValue = "/tmp/gatepost-sim",
            description = "folder for the pty links (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(
            names = "--name",
            defaultValue = "gate",
            description = "name prefix of the links (default ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--tcp", description = "listen on TCP ports instead of making socat pseudo-terminals")
    boolean tcp;

    @Option(
            names = "--fever-rate",
            defaultValue = "0.15",
            description = "fraction of residents with fever (default ${DEFAULT-VALUE})")
    double feverRate;

    @Option(
            names = "--interval",
            defaultValue = "6",
            description = "mean seconds between arrivals (default ${DEFAULT-VALUE})")
    int intervalSeconds;

    @Option(names = "--seed", defaultValue = "2020", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        boolean pty = !tcp && SocatPtyPair.available();
        SimulatedGate gate = SimulatedGate.start(name, dir, pty, true);
        Crowd crowd = new Crowd(
                        gate,
                        Duration.ofSeconds(intervalSeconds),
                        Duration.ofMillis(2500),
                        feverRate,
                        true,
                        0.05,
                        new SplittableRandom(seed),
                        null, // no community: residents are made up one by one
                        null) // no one comes back for a re-measure
                .start();
        System.out.println("Emulated devices are ready. Put these lines in the agent's configuration:");
        System.out.println("thermometer.port=" + gate.thermometerPortSpec());
        System.out.println("thermometer.baud=" + SimulatedGate.THERMOMETER_BAUD);
        System.out.println("idcard.port=" + gate.idcardPortSpec());
        System.out.println("idcard.baud=" + SimulatedGate.IDCARD_BAUD);
        gate.readerProperties().forEach((k, v) -> System.out.println(k + "=" + v));
        System.out.println("Press Ctrl-C to stop.");
        CountDownLatch stopped = new CountDownLatch(1);
        SerialShutdown.register(new Thread(
                () -> { // before jSerialComm closes the emulators' ports under them
                    crowd.close();
                    gate.close();
                    stopped.countDown();
                }));
        stopped.await();
        return 0;
    }
}
