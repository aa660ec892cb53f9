package org.gatepost.agent.checkpoint;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Where an entry's time fields come from ({@code docs/mqtt.md}): the wall clock ({@code at}), the monotonic
 * milliseconds since the agent started ({@code mono_ms}), this boot's id ({@code boot}) and whether the wall clock is
 * believed synchronised ({@code clock_synced}).
 */
public record EntryClock(Clock clock, LongSupplier monoMillis, String boot, BooleanSupplier clockSynced) {
    public EntryClock {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(monoMillis, "monoMillis");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(clockSynced, "clockSynced");
    }
}
