package org.gatepost.agent.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The hub's request to publish the entries {@code from..to} (inclusive) of {@code epoch} again
 * ({@code docs/contract/command-resend.json}), for example after an entry was lost in transit.
 *
 * @param id    the request's id, for logs
 * @param epoch the epoch concerned; a gate ignores a command for another epoch
 * @param from  first seq, at least 1
 * @param to    last seq, at least {@code from}
 */
public record ResendCommand(String id, String epoch, long from, long to) {
    public static final String COMMAND = "resend";

    public ResendCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(epoch, "epoch");
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("need 1 <= from <= to: from=" + from + " to=" + to);
        }
    }

    /**
     * Parses a {@code commands} payload. Thread safe; never throws anything but {@link MalformedCommandException},
     * whose reason is {@code unknown-command} for a well-formed command other than {@code resend}.
     */
    public static ResendCommand parse(byte[] payload) throws MalformedCommandException {
        JsonNode n = HubMessageJson.object(payload, MalformedCommandException::new);
        JsonNode command = n.get("command");
        if (command == null || !command.isTextual()) {
            throw new MalformedCommandException("bad-command", "command=" + command);
        }
        if (!COMMAND.equals(command.asText())) {
            throw new MalformedCommandException("unknown-command", command.asText());
        }
        JsonNode id = n.get("id");
        if (id != null && !id.isTextual()) {
            throw new MalformedCommandException("bad-id", "id=" + id);
        }
        String epoch = HubMessageJson.epoch(n, MalformedCommandException::new);
        long from = seq(n, "from");
        long to = seq(n, "to");
        if (to < from) {
            throw new MalformedCommandException("bad-range", "from=" + from + " to=" + to);
        }
        return new ResendCommand(id == null ? "-" : id.asText(), epoch, from, to);
    }

    private static long seq(JsonNode n, String field) throws MalformedCommandException {
        JsonNode s = n.get(field);
        if (s == null || !s.isIntegralNumber() || !s.canConvertToLong() || s.asLong() < 1) {
            throw new MalformedCommandException("bad-" + field, field + "=" + s);
        }
        return s.asLong();
    }
}
