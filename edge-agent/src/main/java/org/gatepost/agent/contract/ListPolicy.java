package org.gatepost.agent.contract;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hub's policy item ({@code docs/mqtt.md}, Lists, {@code policy}), validated. Immutable.
 *
 * @param thresholdC     fever threshold in °C
 * @param retestRest     rest before the re-measure that decides; zero: the first reading decides
 * @param duplicateWindow a repeated scan of the same credential within this is the same passage
 */
public record ListPolicy(
        double thresholdC,
        Enforcement enforcement,
        boolean measureOnly,
        Mask mask,
        Duration retestRest,
        Duration duplicateWindow,
        Optional<ExitQuota> exitQuota) {
    public enum Enforcement {
        HARD,
        SOFT
    }

    public enum Mask {
        MUST_WEAR,
        REMINDER
    }

    public ListPolicy {
        Objects.requireNonNull(enforcement, "enforcement");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(retestRest, "retestRest");
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        Objects.requireNonNull(exitQuota, "exitQuota");
    }

    /**
     * Exits allowed per person or household per period, only inside the windows (any time when empty).
     * Periods are in the gate's local time zone; a week starts on Monday.
     */
    public record ExitQuota(Per per, int count, Period period, List<Window> windows) {
        public enum Per {
            PERSON,
            HOUSEHOLD
        }

        public enum Period {
            DAY,
            WEEK
        }

        public ExitQuota {
            Objects.requireNonNull(per, "per");
            Objects.requireNonNull(period, "period");
            windows = List.copyOf(windows);
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
        }
    }

    /**
     * An allowed exit window in the gate's local time, {@code [startMinute, endMinute)} minutes after midnight;
     * {@code endMinute} may be 1440 (24:00).
     */
    public record Window(int startMinute, int endMinute) {
        public Window {
            if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
                throw new IllegalArgumentException("window must be 00:00..24:00 with start before end");
            }
        }

        public boolean contains(int minuteOfDay) {
            return minuteOfDay >= startMinute && minuteOfDay < endMinute;
        }
    }
}
