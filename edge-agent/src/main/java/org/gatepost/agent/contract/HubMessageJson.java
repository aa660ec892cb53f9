package org.gatepost.agent.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.BiFunction;

/**
 * The common reading of the hub's small messages to a gate (the {@code ack}, the {@code commands}): a JSON object
 * of schema {@code v = 1} with an {@code epoch}. A failure is the caller's exception, made by {@code malformed}
 * from a reason token and a detail. Thread safe.
 */
final class HubMessageJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VERSION = 1;

    private HubMessageJson() {}

    /** The payload's object, checked for {@code v = 1}: reasons {@code not-json}, {@code not-an-object}, {@code unsupported-version}. */
    static <E extends MalformedMessageException> JsonNode object(
            byte[] payload, BiFunction<String, String, E> malformed) throws E {
        JsonNode n;
        try {
            n = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw malformed.apply("not-json", e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw malformed.apply("not-an-object", String.valueOf(n));
        }
        JsonNode v = n.get("v");
        if (v == null || !v.isIntegralNumber() || v.asInt() != VERSION) {
            throw malformed.apply("unsupported-version", "v=" + v);
        }
        return n;
    }

    /** The object's non-empty {@code epoch}: reason {@code bad-epoch}. */
    static <E extends MalformedMessageException> String epoch(JsonNode n, BiFunction<String, String, E> malformed)
            throws E {
        JsonNode epoch = n.get("epoch");
        if (epoch == null || !epoch.isTextual() || epoch.asText().isEmpty()) {
            throw malformed.apply("bad-epoch", "epoch=" + epoch);
        }
        return epoch.asText();
    }
}
