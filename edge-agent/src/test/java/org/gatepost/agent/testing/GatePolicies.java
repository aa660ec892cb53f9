package org.gatepost.agent.testing;

import java.time.Duration;
import org.gatepost.agent.checkpoint.CheckpointPolicy;

/** Checkpoint policies the tests share, so a test names the policy it runs under instead of repeating it. */
public final class GatePolicies {
    /**
     * The policy most gate tests run under: denied at 37.3 °C body temperature, 0.9 °C added to the object
     * reading, a 3 s window ended early by 3 samples, bodies 34–43 °C, not aimed within 2 °C of ambient, a 1.5 s
     * relay pulse, the light on 3 s and the buzzer 1.5 s.
     */
    public static final CheckpointPolicy STANDARD = new CheckpointPolicy(
            37.3,
            0.9,
            Duration.ofSeconds(3),
            3,
            34.0,
            43.0,
            2.0,
            Duration.ofMillis(1500),
            Duration.ofSeconds(3),
            Duration.ofMillis(1500));

    private GatePolicies() {}
}
