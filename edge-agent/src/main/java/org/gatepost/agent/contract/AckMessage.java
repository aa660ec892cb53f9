package org.gatepost.agent.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The hub's cumulative acknowledgement, {@code {"v":1,"epoch":"…","upTo":N}}: every entry of {@code epoch}
 * with {@code seq <= upTo} is committed at the hub. See {@code docs/contract/ack.json}.
 */
public record AckMessage(String epoch, long upTo) {
    public AckMessage {
        Objects.requireNonNull(epoch, "epoch");
        if (upTo < 0) {
            throw new IllegalArgumentException("upTo must not be negative: " + upTo);
        }
    }

    /** Parses an ack payload. Thread safe; never throws anything but {@link MalformedAckException}. */
    public static AckMessage parse(byte[] payload) throws MalformedAckException {
        JsonNode n = HubMessageJson.object(payload, MalformedAckException::new);
        String epoch = HubMessageJson.epoch(n, MalformedAckException::new);
        JsonNode upTo = n.get("upTo");
        if (upTo == null || !upTo.isIntegralNumber() || !upTo.canConvertToLong() || upTo.asLong() < 0) {
            throw new MalformedAckException("bad-upTo", "upTo=" + upTo);
        }
        return new AckMessage(epoch, upTo.asLong());
    }
}
