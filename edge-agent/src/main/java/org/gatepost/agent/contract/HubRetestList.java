package org.gatepost.agent.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pending-retests message of the hub ({@code docs/mqtt.md}, Pending retests), checked: its publication time,
 * the hub's republish interval and the items of the other gates (this gate's own items are left out: its ledger
 * holds its own retests). Immutable.
 */
public record HubRetestList(Instant publishedAt, Duration every, Map<String, HubRetests.Item> items)
        implements HubRetests {
    /** The most items a message may carry (the hub keeps the latest 2,000). */
    public static final int MAX_ITEMS = 2_000;
    /** The most bytes a message may have. */
    public static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public HubRetestList {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(every, "every");
        items = Map.copyOf(items);
    }

    @Override
    public Optional<Item> pending(String hash, Instant now) {
        Item i = items.get(hash);
        return i == null || !now.isBefore(i.expires()) ? Optional.empty() : Optional.of(i);
    }

    /**
     * Reads a message; {@code ownGate}'s items are dropped.
     *
     * @throws InvalidRetestListException naming the field that breaks the contract
     */
    public static HubRetestList parse(byte[] payload, String ownGate) throws InvalidRetestListException {
        if (payload.length > MAX_BYTES) {
            throw new InvalidRetestListException("message: more than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new InvalidRetestListException("message: not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRetestListException("message: not a JSON object");
        }
        if (!root.path("v").isInt() || root.get("v").intValue() != 1) {
            throw new InvalidRetestListException("v: must be 1");
        }
        Instant publishedAt = time(root, "published_at", "published_at");
        JsonNode every = root.get("every_s");
        if (every == null || !every.isIntegralNumber() || every.longValue() < 1 || every.longValue() > 3600) {
            throw new InvalidRetestListException("every_s: must be an integer in 1..3600");
        }
        JsonNode array = root.get("items");
        if (array == null || !array.isArray()) {
            throw new InvalidRetestListException("items: must be an array");
        }
        if (array.size() > MAX_ITEMS) {
            throw new InvalidRetestListException("items: more than " + MAX_ITEMS);
        }
        Map<String, Item> items = new HashMap<>();
        for (int n = 0; n < array.size(); n++) {
            Item i = item(array.get(n), "items[" + n + "].");
            if (!i.gate().equals(ownGate)) {
                items.put(i.hash(), i);
            }
        }
        return new HubRetestList(publishedAt, Duration.ofSeconds(every.longValue()), items);
    }

    private static Item item(JsonNode n, String at) throws InvalidRetestListException {
        if (n == null || !n.isObject()) {
            throw new InvalidRetestListException(at.substring(0, at.length() - 1) + ": must be an object");
        }
        JsonNode hash = n.get("hash");
        if (hash == null
                || !hash.isTextual()
                || !ItemFields.HASH.matcher(hash.textValue()).matches()) {
            throw new InvalidRetestListException(at + "hash: must be a v1 or v2 credential hash");
        }
        JsonNode gate = n.get("gate");
        if (gate == null
                || !gate.isTextual()
                || !Topics.GATE_ID.matcher(gate.textValue()).matches()) {
            throw new InvalidRetestListException(at + "gate: must be a gate id");
        }
        JsonNode seq = n.get("first_seq");
        if (seq == null || !seq.isIntegralNumber() || seq.longValue() < 1 || seq.longValue() > (1L << 53) - 1) {
            throw new InvalidRetestListException(at + "first_seq: must be an integer in 1..9007199254740991");
        }
        JsonNode body = n.get("first_body_c");
        if (body == null || !body.isNumber() || body.doubleValue() < 30 || body.doubleValue() > 45) {
            throw new InvalidRetestListException(at + "first_body_c: must be a number in 30..45");
        }
        Instant firstAt = time(n, "first_at", at + "first_at");
        Instant until = time(n, "until", at + "until");
        Instant expires = time(n, "expires", at + "expires");
        if (until.isBefore(firstAt) || until.isAfter(firstAt.plusSeconds(3600))) {
            throw new InvalidRetestListException(at + "until: must be 0..3600 s after first_at");
        }
        if (expires.isBefore(until)) {
            throw new InvalidRetestListException(at + "expires: must not be before until");
        }
        return new Item(
                hash.textValue(), gate.textValue(), seq.longValue(), body.doubleValue(), firstAt, until, expires);
    }

    private static Instant time(JsonNode n, String name, String field) throws InvalidRetestListException {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual()) {
            throw new InvalidRetestListException(field + ": must be an ISO-8601 UTC time");
        }
        try {
            return Instant.parse(v.textValue());
        } catch (DateTimeParseException e) {
            throw new InvalidRetestListException(field + ": must be an ISO-8601 UTC time");
        }
    }

    /** The message breaks the contract; the message names the field. */
    public static final class InvalidRetestListException extends Exception {
        public InvalidRetestListException(String message) {
            super(message);
        }
    }
}
