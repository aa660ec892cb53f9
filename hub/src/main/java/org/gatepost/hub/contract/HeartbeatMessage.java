package org.gatepost.hub.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A validated gate heartbeat ({@code gatepost/v1/gates/{gate}/heartbeat}, QoS 0, every {@code interval_s}).
 *
 * @param intervalS        seconds between heartbeats (&gt; 0)
 * @param lastSeq          highest committed seq of {@code epoch} at the gate
 * @param ackedUpTo        highest seq the gate has seen acknowledged
 * @param backlog          entries committed at the gate but not acknowledged
 * @param oldestUnsentAgeS age in seconds of the oldest unacknowledged entry by the gate's clock; null when none
 * @param unrecorded       decisions since the agent started that could not be stored
 * @param devices          one per configured device, names unique; unmodifiable
 * @param lists            the version of each list the gate holds (list name to version); null when the gate
 *                         did not say (an older agent) or holds none
 */
public record HeartbeatMessage(
        String gate,
        String epoch,
        String boot,
        Instant at,
        long monoMs,
        boolean clockSynced,
        double intervalS,
        long lastSeq,
        long ackedUpTo,
        long backlog,
        Double oldestUnsentAgeS,
        long unrecorded,
        StoreUsage store,
        List<Device> devices,
        Map<String, Long> lists) {

    /**
     * The gate's storage.
     *
     * @param usedPct {@code bytes / budgetBytes × 100}
     * @param error   the last storage error; null when the last write succeeded
     */
    public record StoreUsage(long bytes, long budgetBytes, double usedPct, String error) {}

    /**
     * One device as the agent sees it.
     *
     * @param kind      {@value #KIND_THERMOMETER}, {@value #KIND_READER}, {@value #KIND_INPUT} (others are kept as given;
     *                  {@value #KIND_UNKNOWN} for an {@value #INVALID} entry without a readable kind)
     * @param state     {@value #CONNECTED}, {@value #SILENT}, {@value #ERRORING}, {@value #DISCONNECTED}, or
     *                  {@value #INVALID} (set by the hub); any other lowercase word is kept as given
     * @param port      the device's path or address as the gate reports it; may be empty (an older agent)
     * @param lastError short reason of the last problem; empty when none
     */
    public record Device(
            String name,
            String kind,
            String port,
            String state,
            long frames,
            long badFrames,
            long reconnects,
            String lastError) {
        public static final String KIND_THERMOMETER = "thermometer";
        public static final String KIND_READER = "reader";
        public static final String KIND_INPUT = "input";
        public static final String CONNECTED = "connected";
        public static final String SILENT = "silent";
        public static final String ERRORING = "erroring";
        public static final String DISCONNECTED = "disconnected";
        /** Set by the hub for a device entry that broke the contract; its {@code lastError} names the field. */
        public static final String INVALID = "invalid";
        /** The kind the hub records for an invalid device entry whose own {@code kind} is not readable. */
        public static final String KIND_UNKNOWN = "unknown";
    }
}
