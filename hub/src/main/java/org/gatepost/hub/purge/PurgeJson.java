package org.gatepost.hub.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.gatepost.hub.contract.ContractJson;

/**
 * The purge's two messages (docs/mqtt.md, "End of the emergency"): the command the hub sends
 * ({@code docs/contract/command-purge.json}) and the report a gate sends back ({@code docs/contract/purge-report.json}).
 * Stateless, thread safe.
 */
public final class PurgeJson {
    public static final String COMMAND = "purge";
    /** A purge id: also what the gates store and report. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final int MAX_KINDS = 32;
    private static final long MAX_COUNT = 9_007_199_254_740_991L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A gate's report: {@code deleted} counts per kind, as the gate names them. */
    public record Report(String gate, String purge, Instant purgedAt, Map<String, Long> deleted) {
        public Report {
            deleted = Map.copyOf(deleted);
        }
    }

    private PurgeJson() {}

    /** The command, compact UTF-8 JSON, as published on each gate's {@code commands} and on the retained topic. */
    public static byte[] command(String id, Instant requestedAt) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", 1);
        n.put("command", COMMAND);
        n.put("id", id);
        n.put("requested_at", ContractJson.TIME_FORMAT.format(requestedAt));
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a report that came on {@code gatepost/v1/gates/{topicGate}/purged}.
     *
     * @throws IllegalArgumentException naming the field that breaks the contract
     */
    public static Report report(byte[] payload, String topicGate) {
        JsonNode n;
        try {
            n = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        if (!n.path("v").isInt() || n.get("v").intValue() != 1) {
            throw new IllegalArgumentException("v: must be 1");
        }
        if (!topicGate.equals(n.path("gate").asText(null))) {
            throw new IllegalArgumentException("gate: differs from the topic's gate '" + topicGate + "'");
        }
        String purge = n.path("purge").asText("");
        if (!n.path("purge").isTextual() || !ID.matcher(purge).matches()) {
            throw new IllegalArgumentException("purge: must be a purge id");
        }
        Instant at;
        try {
            at = Instant.parse(n.path("purged_at").asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("purged_at: must be an ISO-8601 UTC time");
        }
        JsonNode d = n.get("deleted");
        if (d == null || !d.isObject() || d.size() > MAX_KINDS) {
            throw new IllegalArgumentException("deleted: must be an object of at most " + MAX_KINDS + " counts");
        }
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!KIND.matcher(e.getKey()).matches()
                    || !v.isIntegralNumber()
                    || !v.canConvertToLong()
                    || v.longValue() < 0
                    || v.longValue() > MAX_COUNT) {
                throw new IllegalArgumentException("deleted." + e.getKey() + ": must be an integer in 0.." + MAX_COUNT);
            }
            deleted.put(e.getKey(), v.longValue());
        }
        return new Report(topicGate, purge, at, deleted);
    }
}
