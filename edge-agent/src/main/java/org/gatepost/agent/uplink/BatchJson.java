package org.gatepost.agent.uplink;

import java.util.List;
import org.gatepost.agent.entry.EntryJson;
import org.gatepost.agent.store.StoredEntry;

/**
 * The schema-v1 {@code batch} payload ({@code docs/mqtt.md}, example {@code docs/contract/batch.json}):
 * {@code {"v":1,"gate":…,"epoch":…,"entries":[…]}} with each entry's stored JSON copied in byte for byte,
 * so a batch carries exactly what the {@code entries} topic would. Thread safe.
 */
final class BatchJson {
    /**
     * Upper bound of one batch payload in characters (the stored JSON is ASCII, so also bytes). Well below the
     * hub's embedded broker limit of 1 MiB; Mosquitto's default has no limit.
     */
    static final int MAX_CHARS = 256 * 1024;

    private static final int ENVELOPE_CHARS = 128;

    private BatchJson() {}

    /**
     * The longest prefix of {@code candidates} (ascending seq) whose seqs are consecutive and whose payload
     * stays within {@link #MAX_CHARS}; at least the first entry.
     */
    static List<StoredEntry> consecutivePrefix(List<StoredEntry> candidates) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        long expected = candidates.getFirst().seq();
        int chars = ENVELOPE_CHARS;
        int n = 0;
        for (StoredEntry e : candidates) {
            chars += e.payload().length() + 1;
            if (e.seq() != expected || (n > 0 && chars > MAX_CHARS)) {
                break;
            }
            n++;
            expected++;
        }
        return candidates.subList(0, n);
    }

    /** The batch payload; {@code gate} and {@code epoch} are ids that need no JSON escaping (checked). */
    static String toJson(String gate, String epoch, List<StoredEntry> entries) {
        if (!gate.matches("[A-Za-z0-9_-]+") || !epoch.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("gate or epoch is not a plain id: " + gate + " " + epoch);
        }
        int size = ENVELOPE_CHARS;
        for (StoredEntry e : entries) {
            size += e.payload().length() + 1;
        }
        StringBuilder b = new StringBuilder(size);
        b.append("{\"v\":")
                .append(EntryJson.SCHEMA_VERSION)
                .append(",\"gate\":\"")
                .append(gate)
                .append("\",\"epoch\":\"")
                .append(epoch)
                .append("\",\"entries\":[");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(entries.get(i).payload());
        }
        return b.append("]}").toString();
    }
}
