package org.gatepost.agent.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gatepost.agent.entry.Temperature;

/**
 * Judges thermometer samples and condenses a window of them into one {@link Temperature}. Stateless.
 *
 * <ul>
 *   <li>{@code not-aimed}: the object reads within {@code notAimedDeltaC} of the ambient temperature — the
 *       sensor sees the wall or the street, not a forehead. Told apart from a low reading of a person.</li>
 *   <li>{@code low} / {@code high}: a forehead was seen but the body temperature it implies is outside the
 *       plausible range (a person just in from the cold, a hot lamp in view).</li>
 * </ul>
 * The summary is the median of the stable samples: those within {@link #STABLE_BAND_C} of the window's median
 * (a reading taken while the person was still moving in is dropped). Values are kept unrounded except the body
 * temperature, rounded to the sensor's 0.01 °C resolution.
 */
public final class TemperatureQuality {
    /** Samples farther than this from the window's median are not stable and are left out. */
    public static final double STABLE_BAND_C = 0.5;

    public static final double DEFAULT_NOT_AIMED_DELTA_C = 2.0;

    public enum Verdict {
        VALID,
        NOT_AIMED,
        LOW,
        HIGH;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final CheckpointPolicy policy;

    public TemperatureQuality(CheckpointPolicy policy) {
        this.policy = policy;
    }

    public Verdict judge(double objectC, double ambientC) {
        if (objectC - ambientC < policy.notAimedDeltaC()) {
            return Verdict.NOT_AIMED;
        }
        double body = objectC + policy.offsetC();
        if (body < policy.validBodyMinC()) {
            return Verdict.LOW;
        }
        if (body > policy.validBodyMaxC()) {
            return Verdict.HIGH;
        }
        return Verdict.VALID;
    }

    /** The median of the stable samples ({objectC, ambientC} pairs), or null when there are none. */
    public Temperature summarise(List<double[]> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        double center = median(samples.stream().mapToDouble(s -> s[0]).toArray());
        List<double[]> stable = new ArrayList<>();
        for (double[] s : samples) {
            if (Math.abs(s[0] - center) <= STABLE_BAND_C) {
                stable.add(s);
            }
        }
        double object = median(stable.stream().mapToDouble(s -> s[0]).toArray());
        double ambient = median(stable.stream().mapToDouble(s -> s[1]).toArray());
        double body = Math.round((object + policy.offsetC()) * 100.0) / 100.0;
        return new Temperature(body, object, ambient, policy.offsetC(), stable.size());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }
}
