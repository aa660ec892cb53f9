package org.gatepost.agent.rules;

import java.time.Instant;
import org.gatepost.agent.contract.ListPolicy;

/** Counts admitted exits already recorded. Implemented by the gate's store; may block on disk I/O. */
@FunctionalInterface
public interface ExitCounter {
    /** Admitted exits of the person ({@code per} person: credential hash) or household in {@code [from, to)}. */
    int exits(ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to);
}
