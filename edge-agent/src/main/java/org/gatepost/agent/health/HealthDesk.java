package org.gatepost.agent.health;

import java.time.Instant;
import java.util.List;
import org.gatepost.agent.entry.HealthColour;

/**
 * The volunteer console's side of the volunteer provider: the checks waiting for a colour, and the volunteer's
 * answer. Thread safe; never blocks.
 */
public interface HealthDesk {
    /** The checks waiting now, oldest first: only the masked credential, never its hash. */
    List<Waiting> waiting();

    /**
     * The volunteer saw {@code colour} (green, yellow or red) for check {@code id}; false when no such check is
     * waiting (already answered, or the gate stopped waiting and recorded {@code unknown}).
     */
    boolean answer(long id, HealthColour colour);

    /** A check waiting for the volunteer. */
    record Waiting(long id, String masked, String kind, Instant since) {}

    /** A gate without the volunteer provider: nothing waits, every answer is refused. */
    HealthDesk NONE = new HealthDesk() {
        @Override
        public List<Waiting> waiting() {
            return List.of();
        }

        @Override
        public boolean answer(long id, HealthColour colour) {
            return false;
        }
    };
}
