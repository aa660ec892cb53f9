package org.gatepost.simulator.attack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gatepost.hub.lists.CredentialHasher;
import org.gatepost.simulator.crowd.Community;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gatepost-simulator attack-stolen-gate}: builds a small community's gate database under scheme v1 and
 * under scheme v2 with the real code ({@link StolenGate}), runs {@link StolenGateAttack} against both and prints
 * what it recovered and what the v2 attack costs ({@code docs/security.md}).
 */
@Command(
        name = "attack-stolen-gate",
        mixinStandardHelpOptions = true,
        description = "Run the stolen-gate attack against hash schemes v1 and v2 and print its cost.")
public final class AttackCommand implements Callable<Integer> {
    @Option(names = "--households", defaultValue = "20", description = "Households of the community (default 20).")
    int households;

    @Option(names = "--guesses", defaultValue = "300", description = "v2 guesses timed (default 300).")
    int guesses;

    @Option(names = "--seed", defaultValue = "13", description = "Seed of the community (default 13).")
    long seed;

    /** What one run found, for tests and the printout. */
    public record Result(
            StolenGateAttack.Recovery v1, StolenGateAttack.Cost v2, boolean narrowedFound, double narrowedSeconds) {}

    @Override
    public Integer call() throws Exception {
        run(Community.generate(seed, households), "example-community-secret", guesses, Clock.systemUTC(), System.out);
        return 0;
    }

    /** Runs both attacks in a temporary directory and prints the figures to {@code out}. */
    public static Result run(Community community, String secret, int guesses, Clock clock, PrintStream out)
            throws Exception {
        Path dir = Files.createTempDirectory("stolen-gate");
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            StolenGateAttack attack = new StolenGateAttack(secret, today);

            Path v1Gate = dir.resolve("gate-v1.db");
            StolenGate.build(v1Gate, community, secret, false, clock.instant());
            List<StolenGateAttack.Target> v1Targets = StolenGateAttack.read(v1Gate);
            StolenGateAttack.Recovery v1 = attack.recoverV1(v1Targets);
            out.printf(
                    Locale.ROOT,
                    "scheme v1 (%s): %d of %d residents' ID numbers recovered in %.3f s"
                            + " (CPU %.3f s, %,d hashes)%n",
                    v1Targets.getFirst().masked(),
                    v1.numbers().size(),
                    v1.residents(),
                    v1.wall().toNanos() / 1e9,
                    v1.cpu().toNanos() / 1e9,
                    v1.guesses());

            Path v2Gate = dir.resolve("gate-v2.db");
            StolenGate.build(v2Gate, community, secret, true, clock.instant());
            List<StolenGateAttack.Target> v2Targets = StolenGateAttack.read(v2Gate);
            StolenGateAttack.Cost v2 = attack.measureV2(v2Targets, Math.max(300, guesses / 5), guesses);
            out.printf(
                    Locale.ROOT,
                    "scheme v2 (%s): %d residents; %,d candidates per resident (%,d birth dates x %,d"
                            + " sequence numbers); %d guesses timed: %.3f ms of CPU each%n",
                    v2Targets.getFirst().masked(),
                    v2.residents(),
                    v2.candidates(),
                    attack.days(),
                    StolenGateAttack.SEQUENCES,
                    v2.guessesTimed(),
                    v2.cpuMsPerGuess());
            out.printf(
                    Locale.ROOT,
                    "  one resident: %.1f CPU-hours expected (half the candidates);"
                            + " every resident: %.1f CPU-hours (%d region codes x the whole space)%n",
                    v2.cpuHoursOne(),
                    v2.cpuHoursAll(),
                    v2.regions());
            out.printf(
                    Locale.ROOT,
                    "  with hashing %.0fx faster than this JVM's (a native Argon2id): %.1f CPU-hours one,"
                            + " %.1f every resident%n",
                    StolenGateAttack.FASTER_IMPLEMENTATION,
                    v2.cpuHoursOne() / StolenGateAttack.FASTER_IMPLEMENTATION,
                    v2.cpuHoursAll() / StolenGateAttack.FASTER_IMPLEMENTATION);

            var member = community.members().stream()
                    .filter(Community.Member::registered)
                    .findFirst()
                    .orElseThrow();
            String number = member.card().idNumber();
            String hash = new CredentialHasher(secret).hashV2(number);
            var target = v2Targets.stream()
                    .filter(t -> t.hash().equals(hash))
                    .findFirst()
                    .orElseThrow();
            LocalDate birth = LocalDate.parse(number.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
            long t0 = System.nanoTime();
            boolean found = attack.searchV2(target, birth).equals(Optional.of(number));
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "  given a resident's birth date, the v2 search %s in %.1f s (at most %,d guesses)%n",
                    found ? "found the number" : "did NOT find the number",
                    seconds,
                    StolenGateAttack.SEQUENCES);
            return new Result(v1, v2, found, seconds);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
