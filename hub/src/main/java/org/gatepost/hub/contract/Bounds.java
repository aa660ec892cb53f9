package org.gatepost.hub.contract;

import java.math.BigDecimal;

/**
 * The ranges of the contract's numeric fields ({@code docs/mqtt.md}, "Bounds"). A message with a value outside
 * its field's range is kept aside (dead letter) with the field and the range named in the reason; the agent
 * never produces such values. Pure constants.
 */
public final class Bounds {
    /**
     * The largest sequence number, count or list version: 2^53 − 1, the largest integer a JSON number keeps
     * exactly in every common parser (JavaScript's {@code Number.MAX_SAFE_INTEGER}). A gate making ten entries a
     * second would need 28 million years to reach it.
     */
    public static final long MAX_INTEGER = 9_007_199_254_740_991L;
    /** Object (skin) temperature in °C: the MLX9061x sensors' factory-calibrated object range. */
    public static final double OBJECT_MIN_C = -70.0;

    public static final double OBJECT_MAX_C = 380.0;
    /** Ambient temperature in °C: the MLX9061x sensors' ambient range. */
    public static final double AMBIENT_MIN_C = -40.0;

    public static final double AMBIENT_MAX_C = 125.0;
    /**
     * Body temperature in °C (a reported {@code body_c}, a retest's {@code first_body_c}): a living person. The agent
     * records a reading only when the body temperature it implies lies within 34–43 °C.
     */
    public static final double BODY_MIN_C = 30.0;

    public static final double BODY_MAX_C = 45.0;
    /** The calibration offset in °C ({@code thermometer.offset} and its table allow −5…5). */
    public static final double OFFSET_MIN_C = -5.0;

    public static final double OFFSET_MAX_C = 5.0;
    /** The fever threshold in °C (the policy's {@code threshold_c} and {@code fever.threshold} allow 35–42). */
    public static final double THRESHOLD_MIN_C = 35.0;

    public static final double THRESHOLD_MAX_C = 42.0;
    /** Samples one reading is the median of. */
    public static final long MAX_SAMPLES = 100_000;
    /** A heartbeat's {@code oldest_unsent_age_s}: ten years in seconds (the agent reports at most this). */
    public static final double MAX_AGE_S = 315_360_000.0;
    /** A heartbeat's {@code store.used_pct} (the agent reports at most this). */
    public static final double MAX_USED_PCT = 1_000_000.0;
    /** A retest's {@code rest_s} (the policy's {@code retest_rest_s} allows 0–3600). */
    public static final long MAX_REST_S = 3_600;
    /** An entry's {@code quota.count} (the policy's exit quota allows 1–100). */
    public static final long MIN_QUOTA_COUNT = 1;

    public static final long MAX_QUOTA_COUNT = 100;
    /** An entry's {@code quota.used}: exits in one period, overrides included. */
    public static final long MAX_QUOTA_USED = 100_000;

    private Bounds() {}

    /** A bound as failure reasons show it: {@code -70}, {@code 0.5}, never {@code 3.8E2}. */
    static String text(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
