package org.gatepost.simulator.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatepost.simulator.crowd.Community;
import org.junit.jupiter.api.Test;

/**
 * The stolen-gate attack of {@code docs/security.md} at CI scale: a small community's gate database made with the
 * real code, the old scheme falls, the new one costs at least a CPU-hour per resident even with hashing
 * {@link StolenGateAttack#FASTER_IMPLEMENTATION} times faster than ours.
 */
class StolenGateAttackTest {
    private static final String SECRET = "example-community-secret";

    @Test
    void schemeV1FallsAndSchemeV2CostsAtLeastOneCpuHourPerResident() throws Exception {
        Community community = Community.generate(13, 6);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AttackCommand.Result r = AttackCommand.run(
                community,
                SECRET,
                200,
                Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.print(printed.toString(StandardCharsets.UTF_8));

        Set<String> registered = community.members().stream()
                .filter(Community.Member::registered)
                .map(m -> m.card().idNumber())
                .collect(Collectors.toSet());
        assertEquals(
                registered,
                new HashSet<>(r.v1().numbers().values()),
                "the v1 attack recovers every resident's number from the gate's files");

        assertEquals(registered.size(), r.v2().residents());
        assertEquals(0, r.v2().hits(), "the timed guesses are the first candidates, not anybody's number");
        assertTrue(r.narrowedFound(), "the v2 guessing code finds a number once the birth date is given");
        double hours = r.v2().cpuHoursOne() / StolenGateAttack.FASTER_IMPLEMENTATION;
        assertTrue(hours >= 1.0, "one resident must cost at least one CPU-hour, costs " + hours);
    }
}
