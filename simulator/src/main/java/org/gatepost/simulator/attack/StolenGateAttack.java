package org.gatepost.simulator.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.identity.HashScheme;
import org.gatepost.agent.store.ListDatabase;
import org.gatepost.agent.store.StoreException;
import org.gatepost.hub.lists.IdNumbers;

/**
 * The attack of {@code docs/security.md} ("A stolen gate") against a gate's files: the thief has
 * {@code community.secret} (from the gate's configuration) and the residents list (hash and masked number of
 * every resident) and guesses ID numbers that fit the masked form, hashing each with the gate's own code.
 *
 * <ul>
 *   <li>Scheme v1 ({@code 110105********002X}): only the birth date is unknown; a date whose check character
 *   differs from the shown one is skipped without hashing. {@link #recoverV1} recovers every number.</li>
 *   <li>Scheme v2 ({@code 110105************}): birth date and sequence number are unknown and the check
 *   character follows from them. {@link #measureV2} hashes real candidates, measures the CPU time per guess and
 *   extrapolates; {@link #searchV2} runs the search for one resident whose birth date the thief is given, to show
 *   the guessing code does find a v2 number.</li>
 * </ul>
 * Birth dates are guessed over the {@link #BIRTH_YEARS} years up to {@code today}. Not thread safe.
 */
public final class StolenGateAttack {
    /** Birth dates tried: every day of the last 110 years. */
    public static final int BIRTH_YEARS = 110;
    /**
     * How much faster than this Java code (Bouncy Castle's Argon2id) a thief's hashing is assumed to be: the C
     * reference implementation measured 2.3 times faster on the same machine ({@code docs/security.md}), rounded
     * up. The target (one CPU-hour per resident) is checked after dividing by it.
     */
    public static final double FASTER_IMPLEMENTATION = 3.0;
    /** Sequence numbers (digits 15-17) tried under v2: 000-999. */
    public static final int SEQUENCES = 1_000;

    private static final Pattern V1_MASKED = Pattern.compile("([0-9]{6})\\*{8}([0-9]{3})([0-9X])");
    private static final Pattern V2_MASKED = Pattern.compile("([0-9]{6})\\*{12}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A resident as the thief finds them in the gate's lists. */
    public record Target(String hash, String masked) {}

    /** The outcome of the v1 attack: numbers recovered (by hash), hashes computed, wall and CPU time. */
    public record Recovery(int residents, Map<String, String> numbers, long guesses, Duration wall, Duration cpu) {}

    /**
     * The measured cost of the v2 attack.
     *
     * @param candidates      ID numbers that fit one resident's masked form
     * @param guessesTimed    real candidates hashed to measure the cost
     * @param hits            residents found among the timed candidates (normally 0)
     * @param cpuMsPerGuess   CPU time per guess, this JVM and this machine's core
     * @param regions         distinct region codes among the residents: the whole space is searched once per region
     *                        to recover everybody, since a guess is checked against every hash at once
     */
    public record Cost(int residents, long candidates, long guessesTimed, int hits, double cpuMsPerGuess, int regions) {
        /** Expected CPU-hours to recover one resident: half the candidates. */
        public double cpuHoursOne() {
            return candidates / 2.0 * cpuMsPerGuess / 3_600_000.0;
        }

        /** CPU-hours to recover every resident: the whole space of each region once. */
        public double cpuHoursAll() {
            return (double) candidates * regions * cpuMsPerGuess / 3_600_000.0;
        }
    }

    private final CredentialHasher hasher;
    private final LocalDate today;
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

    /** @param secret the {@code community.secret} found on the gate */
    public StolenGateAttack(String secret, LocalDate today) {
        this.hasher = new CredentialHasher(secret);
        this.today = today;
    }

    /** The residents list in a gate's database file, as stored by the agent. */
    public static List<Target> read(Path gateFile) throws StoreException, IOException {
        List<Target> out = new ArrayList<>();
        try (ListDatabase db = ListDatabase.open(gateFile)) {
            ListDatabase.Stored residents = db.loadAll().get("residents");
            if (residents == null) {
                return out;
            }
            for (byte[] part : residents.parts()) {
                for (JsonNode item : MAPPER.readTree(part).path("items")) {
                    out.add(new Target(
                            item.path("hash").asText(), item.path("masked").asText()));
                }
            }
        }
        return out;
    }

    /** Birth dates guessed: every day of the last {@link #BIRTH_YEARS} years, today included. */
    public long days() {
        return ChronoUnit.DAYS.between(today.minusYears(BIRTH_YEARS), today) + 1;
    }

    /** Recovers every v1 resident: for each, the birth dates whose check character matches the shown one. */
    public Recovery recoverV1(List<Target> targets) {
        long wall0 = System.nanoTime();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        Map<String, String> found = new HashMap<>();
        long guesses = 0;
        for (Target t : targets) {
            var m = V1_MASKED.matcher(t.masked());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a v1 masked ID number: " + t.masked());
            }
            for (LocalDate d = today.minusYears(BIRTH_YEARS); !d.isAfter(today); d = d.plusDays(1)) {
                String first17 = m.group(1) + d.format(DATE) + m.group(2);
                if (IdNumbers.checkCharacter(first17) != m.group(3).charAt(0)) {
                    continue;
                }
                guesses++;
                String number = first17 + m.group(3);
                if (hasher.hash(number).equals(t.hash())) {
                    found.put(t.hash(), number);
                    break;
                }
            }
        }
        return new Recovery(
                targets.size(),
                found,
                guesses,
                Duration.ofNanos(System.nanoTime() - wall0),
                Duration.ofNanos(cpu.getCurrentThreadCpuTime() - cpu0));
    }

    /**
     * Hashes {@code guesses} real candidates of the first resident's v2 masked form (after {@code warmUp}
     * untimed ones) against every resident's hash, and measures the CPU time per guess.
     */
    public Cost measureV2(List<Target> targets, int warmUp, int guesses) {
        Set<String> hashes = new HashSet<>();
        Set<String> regions = new HashSet<>();
        for (Target t : targets) {
            var m = V2_MASKED.matcher(t.masked());
            if (!m.matches() || HashScheme.of(t.hash()) != HashScheme.V2) {
                throw new IllegalArgumentException("not a v2 resident: " + t.masked());
            }
            hashes.add(t.hash());
            regions.add(m.group(1));
        }
        String region = targets.getFirst().masked().substring(0, 6);
        LocalDate d = today.minusYears(BIRTH_YEARS);
        int hits = 0;
        long cpu0 = 0;
        for (int i = 0; i < warmUp + guesses; i++) {
            if (i == warmUp) {
                cpu0 = cpu.getCurrentThreadCpuTime();
            }
            String first17 = region + d.plusDays(i / SEQUENCES).format(DATE) + String.format("%03d", i % SEQUENCES);
            String number = first17 + IdNumbers.checkCharacter(first17);
            if (hashes.contains(hasher.hash(number, HashScheme.V2)) && i >= warmUp) {
                hits++;
            }
        }
        double ms = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e6 / guesses;
        return new Cost(targets.size(), days() * SEQUENCES, guesses, hits, ms, regions.size());
    }

    /**
     * The v2 search for one resident whose birth date the thief somehow knows: tries the {@link #SEQUENCES}
     * sequence numbers of that date. Returns the number when found.
     */
    public Optional<String> searchV2(Target t, LocalDate birth) {
        var m = V2_MASKED.matcher(t.masked());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a v2 masked ID number: " + t.masked());
        }
        for (int seq = 0; seq < SEQUENCES; seq++) {
            String first17 = m.group(1) + birth.format(DATE) + String.format("%03d", seq);
            String number = first17 + IdNumbers.checkCharacter(first17);
            if (hasher.hash(number, HashScheme.V2).equals(t.hash())) {
                return Optional.of(number);
            }
        }
        return Optional.empty();
    }
}
