package org.gatepost.agent.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.lists.GateLists;

/** Lists for rule tests: two residents, a quarantined household, a blocked household, a volunteer badge. */
public final class TestLists {
    public static final String ANNA = "a".repeat(64);
    public static final String BO = "b".repeat(64);
    public static final String CHEN = "c".repeat(64);
    public static final String VOLUNTEER = "d".repeat(64);
    public static final String STAFF = "5".repeat(64);
    public static final String STRANGER = "e".repeat(64);
    public static final String HOME = "3-2-501";
    public static final String QUARANTINED = "3-2-502";
    public static final String BLOCKED = "5-1-302";

    private TestLists() {}

    public static ListPolicy policy(
            ListPolicy.Enforcement enforcement,
            ListPolicy.Mask mask,
            Duration rest,
            Duration duplicate,
            Optional<ListPolicy.ExitQuota> quota) {
        return new ListPolicy(37.3, enforcement, false, mask, rest, duplicate, quota);
    }

    /** Hard, reminder, no retest, no duplicate window, no quota. */
    public static ListPolicy plainPolicy() {
        return policy(
                ListPolicy.Enforcement.HARD, ListPolicy.Mask.REMINDER, Duration.ZERO, Duration.ZERO, Optional.empty());
    }

    /** Hard, reminder, {@code rest} before the re-measure of a fever, no duplicate window, no quota. */
    public static ListPolicy retestPolicy(Duration rest) {
        return policy(ListPolicy.Enforcement.HARD, ListPolicy.Mask.REMINDER, rest, Duration.ZERO, Optional.empty());
    }

    /** Hard, a mask must be worn, no retest, no duplicate window, no quota. */
    public static ListPolicy mustWearPolicy() {
        return policy(
                ListPolicy.Enforcement.HARD, ListPolicy.Mask.MUST_WEAR, Duration.ZERO, Duration.ZERO, Optional.empty());
    }

    public static GateLists with(ListPolicy policy) {
        return new GateLists(
                Map.of(
                        ANNA,
                        new GateLists.Resident(ANNA, "110105********002X", "王芳", "3", "2", HOME, "A"),
                        BO,
                        new GateLists.Resident(BO, "440524********0014", "李强", "3", "2", QUARANTINED, "A"),
                        CHEN,
                        new GateLists.Resident(CHEN, "320102********1234", "陈静", "5", "1", BLOCKED, "B")),
                List.of(new GateLists.QuarantineItem(QUARANTINED, null, null, Instant.parse("2026-12-05T00:00:00Z"))),
                Set.of(BLOCKED),
                Map.of(
                        VOLUNTEER,
                        new GateLists.Badge(VOLUNTEER, "110105********0016", "张伟", GateLists.Badge.Role.VOLUNTEER),
                        STAFF,
                        new GateLists.Badge(STAFF, "110105********0024", "刘洋", GateLists.Badge.Role.STAFF)),
                Optional.of(policy),
                Map.of("residents", 7L, "quarantine", 3L, "blocked", 2L, "badges", 4L, "policy", 5L));
    }
}
