package org.gatepost.agent.contract;

import java.util.List;

/**
 * The schema-v1 {@code batch} payload ({@code docs/mqtt.md}, example {@code docs/contract/batch.json}):
 * {@code {"v":1,"gate":…,"epoch":…,"entries":[…]}} with each entry's stored JSON copied in byte for byte,
 * so a batch carries exactly what the {@code entries} topic would. Thread safe.
 */
public final class BatchJson {
    /**
     * Upper bound of one batch payload in characters (the stored JSON is ASCII, so also bytes). Well below the
     * hub's embedded broker limit of 1 MiB; Mosquitto's default has no limit.
     */
    public static final int MAX_CHARS = 256 * 1024;

    /** Room for the envelope around the entries, in characters: a payload is this plus each entry and a comma. */
    public static final int ENVELOPE_CHARS = 128;

    private BatchJson() {}

    /**
     * The batch payload of {@code entries}, each an entry's stored JSON; {@code gate} and {@code epoch} are ids that
     * need no JSON escaping (checked).
     */
    public static String toJson(String gate, String epoch, List<String> entries) {
        if (!gate.matches("[A-Za-z0-9_-]+") || !epoch.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("gate or epoch is not a plain id: " + gate + " " + epoch);
        }
        int size = ENVELOPE_CHARS;
        for (String e : entries) {
            size += e.length() + 1;
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
            b.append(entries.get(i));
        }
        return b.append("]}").toString();
    }
}
