package org.gatepost.agent.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.RuleFields;

/**
 * What the gate's rules keep beyond the outbox, derived from the committed entries: admitted exits under a
 * quota (for the quota count), the duty roster (from sign-in and sign-out entries), the pending retests (from
 * a first fever reading's {@code retest} entry until the entry that decides after the rest) and the last entry
 * of each credential (for the duplicate window). {@link SqliteEntryStore} writes them in the transaction that
 * appends the entry, so a count never misses or double-counts an entry, and all of them survive a restart.
 * Safe for concurrent use; may block on disk I/O.
 */
public interface GateLedger {

    /** Admitted exits of the person (credential hash) or household with {@code from <= at < to}. */
    int exits(ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to) throws StoreException;

    /** Badges signed in now, earliest first. */
    List<OnDuty> duty() throws StoreException;

    /** Pending retests started at this gate whose rest ended less than {@code expiry} before {@code now}. */
    default List<Retest> retests(Instant now, Duration expiry) throws StoreException {
        return List.of();
    }

    /** Whether this gate recorded an {@code admit-visitor} entry of the one-use pass {@code id}. */
    default boolean passUsed(String id) throws StoreException {
        return false;
    }

    /** The last entry of each credential made at or after {@code since}. */
    default List<LastScan> lastScans(Instant since) throws StoreException {
        return List.of();
    }

    /** A first fever reading waiting for its re-measure: its entry, body temperature and when the rest ends. */
    record Retest(String hash, long firstSeq, double firstBodyC, Instant restEnds) {
        public Retest {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(restEnds, "restEnds");
        }
    }

    /**
     * The last entry of a credential: when, its decision, whether the gate opened and whether it gave the mask
     * reminder (what a repeated scan within the duplicate window signals again).
     */
    record LastScan(String hash, Instant at, long seq, Decision decision, boolean admitted, boolean maskReminder) {
        public LastScan {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** A signed-in badge: its hash, its masked number and when it signed in. */
    record OnDuty(String hash, String masked, Instant since) {
        public OnDuty {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(masked, "masked");
            Objects.requireNonNull(since, "since");
        }
    }

    /** Whether the entry counts as an exit: admitted, going out (or unknown direction), a quota applying. */
    static boolean countsAsExit(Entry e) {
        RuleFields r = e.draft().rules();
        return r.admitted()
                && r.quota() != null
                && r.goingOut()
                && e.draft().credential() != null
                && e.decision() != Decision.SIGN_IN
                && e.decision() != Decision.SIGN_OUT;
    }
}
