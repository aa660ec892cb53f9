package org.gatepost.simulator.crowd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.simulator.idcard.SyntheticResidents;

/**
 * The simulated community a demo crowd comes from: households of one to four residents, made reproducibly from a
 * seed, so the hub's lists can name the same people the gates will see. Most members are registered residents;
 * every {@link #UNREGISTERED_EVERY}th is not (the gate sees an unknown card). One household is in home
 * quarantine, another is blocked, and one volunteer carries an RFID badge. The full ID numbers exist only here,
 * inside the simulator: they are made up. Immutable; thread safe.
 */
public final class Community {
    /** One member in this many is not on the residents list. */
    public static final int UNREGISTERED_EVERY = 12;

    private static final int QUARANTINED = 1;
    private static final int BLOCKED = 2;

    /** A person of the community with their card and household ({@code building-unit-room}). */
    public record Member(
            IdCardText.Fields card, String building, String unit, String household, String grid, boolean registered) {}

    private final List<Member> members;
    private final String quarantinedHousehold;
    private final String blockedHousehold;
    private final long volunteerTag;
    private final String volunteerName;

    private Community(
            List<Member> members,
            String quarantinedHousehold,
            String blockedHousehold,
            long volunteerTag,
            String volunteerName) {
        this.members = List.copyOf(members);
        this.quarantinedHousehold = quarantinedHousehold;
        this.blockedHousehold = blockedHousehold;
        this.volunteerTag = volunteerTag;
        this.volunteerName = volunteerName;
    }

    /** {@code households} households (at least 3), the same for the same seed. */
    public static Community generate(long seed, int households) {
        if (households < 3) {
            throw new IllegalArgumentException("a community needs at least 3 households");
        }
        SplittableRandom random = new SplittableRandom(seed);
        SyntheticResidents cards = new SyntheticResidents(random);
        List<Member> members = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> keys = new ArrayList<>();
        Set<String> used = new HashSet<>();
        while (keys.size() < households) {
            String building = String.valueOf(1 + random.nextInt(9));
            String unit = String.valueOf(1 + random.nextInt(3));
            String room = (1 + random.nextInt(6)) + "0" + (1 + random.nextInt(4));
            String key = building + "-" + unit + "-" + room;
            if (!used.add(key)) {
                continue;
            }
            keys.add(key);
            int size = 1 + random.nextInt(4);
            for (int i = 0; i < size; i++) {
                IdCardText.Fields card = cards.next();
                if (!ids.add(card.idNumber())) {
                    continue;
                }
                boolean registered = (members.size() + 1) % UNREGISTERED_EVERY != 0;
                members.add(new Member(
                        card, building, unit, key, Integer.parseInt(building) <= 4 ? "第一网格" : "第二网格", registered));
            }
        }
        long tag = 1_000_000L + random.nextInt(9_000_000);
        String volunteer = cards.next().name();
        return new Community(members, keys.get(QUARANTINED), keys.get(BLOCKED), tag, volunteer);
    }

    public List<Member> members() {
        return members;
    }

    /** A member drawn at random with {@code random}. */
    public Member pick(RandomGenerator random) {
        return members.get(random.nextInt(members.size()));
    }

    public String quarantinedHousehold() {
        return quarantinedHousehold;
    }

    public String blockedHousehold() {
        return blockedHousehold;
    }

    /** The RFID tag number of the community's volunteer badge. */
    public long volunteerTag() {
        return volunteerTag;
    }

    public String volunteerName() {
        return volunteerName;
    }

    /** The residents file an operator would import: the registered members, UTF-8 with the usual Chinese headers. */
    public String residentsCsv() {
        StringBuilder b = new StringBuilder("姓名,身份证号,楼栋,单元,户,网格\n");
        for (Member m : members) {
            if (!m.registered()) {
                continue;
            }
            b.append(m.card().name())
                    .append(',')
                    .append(m.card().idNumber())
                    .append(',')
                    .append(m.building())
                    .append(',')
                    .append(m.unit())
                    .append(',')
                    .append(m.household())
                    .append(',')
                    .append(m.grid())
                    .append('\n');
        }
        return b.toString();
    }

    /** The home-quarantine file: the quarantined household until {@code until}. */
    public String quarantineCsv(Instant until) {
        Objects.requireNonNull(until, "until");
        return "户,隔离截止\n" + quarantinedHousehold + "," + until + "\n";
    }
}
