package org.gatepost.hub.lists;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the gates decide ({@code docs/mqtt.md}, Lists, policy). Immutable; the compact constructors enforce every
 * rule, naming the field that breaks one.
 *
 * @param thresholdC       fever threshold in °C, 35.0..42.0
 * @param retestRestS      seconds of rest before the re-measure, 0..3600
 * @param duplicateWindowS seconds within which a repeated scan is the same passage, 0..3600; at most
 *                         {@code retestRestS} when that is above 0 (a policy that contradicts itself is refused)
 */
public record Policy(
        double thresholdC,
        String enforcement,
        boolean measureOnly,
        String mask,
        int retestRestS,
        int duplicateWindowS,
        Optional<ExitQuota> exitQuota) {
    static final List<String> ENFORCEMENTS = List.of("hard", "soft");
    static final List<String> MASKS = List.of("must-wear", "reminder");
    /** What a hub starts with: 37.3 °C, hard, identify everyone, mask reminder, 5 min rest, 10 s, no quota. */
    public static final Policy DEFAULT = new Policy(37.3, "hard", false, "reminder", 300, 10, Optional.empty());

    public Policy {
        if (!(thresholdC >= 35.0 && thresholdC <= 42.0)) {
            throw new IllegalArgumentException("threshold_c: must be 35.0..42.0 °C");
        }
        oneOf("enforcement", enforcement, ENFORCEMENTS);
        oneOf("mask", mask, MASKS);
        range("retest_rest_s", retestRestS, 0, 3600);
        range("duplicate_window_s", duplicateWindowS, 0, 3600);
        if (retestRestS > 0 && duplicateWindowS > retestRestS) {
            throw new IllegalArgumentException("duplicate_window_s: must be at most retest_rest_s (" + retestRestS
                    + ") when retest_rest_s is above 0: a scan after the rest is the re-measure that decides, so it"
                    + " cannot also be a repeat of the first scan");
        }
        exitQuota = exitQuota == null ? Optional.empty() : exitQuota;
    }

    /**
     * Exits allowed per person or household per day or week, in allowed windows.
     *
     * @param windows {@code HH:MM-HH:MM}, start before end, in the gate's local time; empty: any time
     */
    public record ExitQuota(String per, int count, String period, List<String> windows) {
        static final List<String> PERS = List.of("person", "household");
        static final List<String> PERIODS = List.of("day", "week");
        static final int MAX_WINDOWS = 12;
        private static final Pattern WINDOW =
                Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])");

        public ExitQuota {
            oneOf("exit_quota.per", per, PERS);
            range("exit_quota.count", count, 1, 100);
            oneOf("exit_quota.period", period, PERIODS);
            windows = List.copyOf(windows);
            if (windows.size() > MAX_WINDOWS) {
                throw new IllegalArgumentException("exit_quota.windows: at most " + MAX_WINDOWS + " windows");
            }
            for (int i = 0; i < windows.size(); i++) {
                Matcher m = WINDOW.matcher(windows.get(i));
                String at = "exit_quota.windows[" + i + "]: ";
                if (!m.matches()) {
                    throw new IllegalArgumentException(at + "must be HH:MM-HH:MM, like 06:00-09:00");
                }
                int start = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
                int end = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
                if (end > 24 * 60 || start >= end) {
                    throw new IllegalArgumentException(at + "the start must be before the end, within one day");
                }
            }
        }
    }

    private static void oneOf(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(field + ": must be one of " + String.join(", ", allowed));
        }
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": must be " + min + ".." + max);
        }
    }
}
