package org.gatepost.agent.store;

import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.lists.ListPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the gate's rules keep beyond the outbox, derived from the committed entries: admitted exits under a
 * quota (for the quota count) and the duty roster (from sign-in and sign-out entries). {@link SqliteEntryStore}
 * writes both in the transaction that appends the entry, so a count never misses or double-counts an entry, and
 * both survive a restart. Safe for concurrent use; may block on disk I/O.
 */
public interface GateLedger {

    /** Admitted exits of the person (credential hash) or household with {@code from <= at < to}. */
    int exits(ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to) throws StoreException;

    /** Badges signed in now, earliest first. */
    List<OnDuty> duty() throws StoreException;

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
        return r.admitted() && r.quota() != null && r.goingOut() && e.draft().credential() != null
                && e.decision() != Decision.SIGN_IN && e.decision() != Decision.SIGN_OUT;
    }
}
