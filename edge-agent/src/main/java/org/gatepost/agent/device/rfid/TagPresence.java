package org.gatepost.agent.device.rfid;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns the reader's stream of repeated frames into presentations: the first frame of a tag is a read, its
 * repeats are not, until the tag has been silent for the removal limit or another tag was seen. Not thread
 * safe: the driver's reader thread owns it.
 */
final class TagPresence {
    private final Duration removalSilence;
    private long tagId = -1;
    private Instant lastSeen;

    TagPresence(Duration removalSilence) {
        this.removalSilence = removalSilence;
    }

    /** Records a frame of {@code tagId}; true if it starts a new presentation. */
    boolean seen(long tagId, Instant now) {
        boolean fresh = this.tagId != tagId || gone(now);
        this.tagId = tagId;
        lastSeen = now;
        return fresh;
    }

    /** Forgets the present tag once it has been silent for the removal limit; true if it just left. */
    boolean expire(Instant now) {
        if (this.tagId < 0 || !gone(now)) {
            return false;
        }
        this.tagId = -1;
        lastSeen = null;
        return true;
    }

    private boolean gone(Instant now) {
        return lastSeen == null || !now.isBefore(lastSeen.plus(removalSilence));
    }
}
