package org.gatepost.agent.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * The hub's cumulative acknowledgement, {@code {"v":1,"epoch":"…","upTo":N}}: every entry of {@code epoch}
 * with {@code seq <= upTo} is committed at the hub. See {@code docs/contract/ack.json}.
 */
public record AckMessage(String epoch, long upTo) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VERSION = 1;

    public AckMessage {
        Objects.requireNonNull(epoch, "epoch");
        if (upTo < 0) {
            throw new IllegalArgumentException("upTo must not be negative: " + upTo);
        }
    }

    /** Parses an ack payload. Thread safe; never throws anything but {@link MalformedAckException}. */
    public static AckMessage parse(byte[] payload) throws MalformedAckException {
        JsonNode n;
        try {
            n = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new MalformedAckException("not-json", e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new MalformedAckException("not-an-object", String.valueOf(n));
        }
        JsonNode v = n.get("v");
        if (v == null || !v.isIntegralNumber() || v.asInt() != VERSION) {
            throw new MalformedAckException("unsupported-version", "v=" + v);
        }
        JsonNode epoch = n.get("epoch");
        if (epoch == null || !epoch.isTextual() || epoch.asText().isEmpty()) {
            throw new MalformedAckException("bad-epoch", "epoch=" + epoch);
        }
        JsonNode upTo = n.get("upTo");
        if (upTo == null || !upTo.isIntegralNumber() || !upTo.canConvertToLong() || upTo.asLong() < 0) {
            throw new MalformedAckException("bad-upTo", "upTo=" + upTo);
        }
        return new AckMessage(epoch.asText(), upTo.asLong());
    }
}
