package org.gatepost.agent.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VERSION = 1;

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
        JsonNode n;
        try {
            n = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new MalformedCommandException("not-json", e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new MalformedCommandException("not-an-object", String.valueOf(n));
        }
        JsonNode v = n.get("v");
        if (v == null || !v.isIntegralNumber() || v.asInt() != VERSION) {
            throw new MalformedCommandException("unsupported-version", "v=" + v);
        }
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
        JsonNode epoch = n.get("epoch");
        if (epoch == null || !epoch.isTextual() || epoch.asText().isEmpty()) {
            throw new MalformedCommandException("bad-epoch", "epoch=" + epoch);
        }
        long from = seq(n, "from");
        long to = seq(n, "to");
        if (to < from) {
            throw new MalformedCommandException("bad-range", "from=" + from + " to=" + to);
        }
        return new ResendCommand(id == null ? "-" : id.asText(), epoch.asText(), from, to);
    }

    private static long seq(JsonNode n, String field) throws MalformedCommandException {
        JsonNode s = n.get(field);
        if (s == null || !s.isIntegralNumber() || !s.canConvertToLong() || s.asLong() < 1) {
            throw new MalformedCommandException("bad-" + field, field + "=" + s);
        }
        return s.asLong();
    }
}
