package org.gatepost.agent.device.rfid;

import java.time.Duration;
import java.util.Objects;
import org.gatepost.agent.device.serial.ReconnectBackoff;

/**
 * Settings of an {@link Rdm6300Driver}. Immutable; validated on construction.
 *
 * @param removalSilence no frame of the present tag for this long means it left the field, so the next
 *                       frame of the same tag is a new read. The module repeats its frame every 100–200 ms
 *                       while a tag is present; reference libraries use 220 ms or 0.5 s.
 * @param errorHold      health stays ERRORING this long after a malformed frame unless a good frame comes first
 * @param backoff        delays between attempts to reopen a dead link
 */
public record Rdm6300Settings(Duration removalSilence, Duration errorHold, ReconnectBackoff backoff) {
    public static final Duration DEFAULT_REMOVAL_SILENCE = Duration.ofMillis(500);
    public static final Duration DEFAULT_ERROR_HOLD = Duration.ofSeconds(10);
    public static final Rdm6300Settings DEFAULT =
            new Rdm6300Settings(DEFAULT_REMOVAL_SILENCE, DEFAULT_ERROR_HOLD, ReconnectBackoff.DEFAULT);

    public Rdm6300Settings {
        positive("removalSilence", removalSilence);
        positive("errorHold", errorHold);
        Objects.requireNonNull(backoff, "backoff");
    }

    public Rdm6300Settings withRemovalSilence(Duration d) {
        return new Rdm6300Settings(d, errorHold, backoff);
    }

    public Rdm6300Settings withBackoff(ReconnectBackoff b) {
        return new Rdm6300Settings(removalSilence, errorHold, b);
    }

    private static void positive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive: " + d);
        }
    }
}
