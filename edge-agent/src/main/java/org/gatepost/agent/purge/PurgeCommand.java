package org.gatepost.agent.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The hub's purge command ({@code docs/contract/command-purge.json}): on the gate's {@code commands} topic and the
 * hub's retained {@code gatepost/v1/hub/purge}. Only {@code id} matters to the gate.
 */
public record PurgeCommand(String id) {
    public static final String COMMAND = "purge";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Parses a payload; never throws anything but {@link IllegalArgumentException} naming what is wrong.
     */
    public static PurgeCommand parse(byte[] payload) {
        JsonNode n;
        try {
            n = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!n.path("v").isInt() || n.get("v").intValue() != 1) {
            throw new IllegalArgumentException("v: must be 1");
        }
        if (!COMMAND.equals(n.path("command").asText(null))) {
            throw new IllegalArgumentException("command: not " + COMMAND + " but " + n.get("command"));
        }
        String id = n.path("id").isTextual() ? n.get("id").textValue() : "";
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: must be a purge id");
        }
        return new PurgeCommand(id);
    }
}
