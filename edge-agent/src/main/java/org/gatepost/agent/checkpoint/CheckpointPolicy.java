package org.gatepost.agent.checkpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gate decides and signals.
 *
 * @param thresholdC  body temperature (°C) at or above which entry is denied
 * @param offsetC     calibration offset added to the object temperature (°C)
 * @param window      how long after a credential the gate waits for temperature samples
 * @param minSamples  valid samples that end the window early
 * @param validBodyMinC lowest body temperature accepted as a reading of a person (below: not aimed)
 * @param validBodyMaxC highest body temperature accepted as a reading of a person (above: not a person)
 * @param notAimedDeltaC an object reading closer than this to ambient means the sensor sees no person
 */
public record CheckpointPolicy(
        double thresholdC,
        double offsetC,
        Duration window,
        int minSamples,
        double validBodyMinC,
        double validBodyMaxC,
        double notAimedDeltaC,
        Duration relayPulse,
        Duration lightFor,
        Duration buzzerFor) {
    public static final double DEFAULT_VALID_BODY_MIN_C = 34.0;
    public static final double DEFAULT_VALID_BODY_MAX_C = 43.0;

    public CheckpointPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(relayPulse, "relayPulse");
        Objects.requireNonNull(lightFor, "lightFor");
        Objects.requireNonNull(buzzerFor, "buzzerFor");
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be at least 1");
        }
        if (!(validBodyMinC < validBodyMaxC)) {
            throw new IllegalArgumentException("valid body range is empty");
        }
    }
}
