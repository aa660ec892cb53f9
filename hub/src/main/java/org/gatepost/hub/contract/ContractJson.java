package org.gatepost.hub.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the schema-v1 JSON of {@code docs/mqtt.md}. Parsing is strict about the fields the hub
 * uses (presence, type, range; {@code v == 1}; the payload's gate equals the topic's) and ignores fields it
 * does not know. Failure reasons name the field and never echo payload values. Thread safe.
 */
public final class ContractJson {
    public static final int SCHEMA_VERSION = 1;
    /** Timestamps the hub writes: UTC with exactly three fraction digits, so text order is time order. */
    public static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final Pattern EPOCH = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern HASH = Pattern.compile("(v2:)?[0-9a-f]{64}");
    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern MASKED = Pattern.compile("[^*]{0,32}\\*+[^*]{0,32}");
    private static final Set<String> DECISIONS = EntryMessage.DECISIONS;
    private static final Set<String> STATES = Set.of(StatusMessage.ONLINE, StatusMessage.OFFLINE);
    static final int MAX_TEXT = 64;
    /** Most entries one batch may carry (the agent sends up to {@code uplink.batch-size}, default 200). */
    public static final int MAX_BATCH_ENTRIES = 1000;

    private ContractJson() {}

    /** Parses an entry received on the entries topic of {@code topicGate}. */
    public static EntryMessage parseEntry(byte[] payload, String topicGate) throws InvalidPayloadException {
        return entry(envelope(tree(payload), topicGate));
    }

    /**
     * Parses a batch received on the batch topic of {@code topicGate}: 1..{@value #MAX_BATCH_ENTRIES} entries,
     * each valid on its own, of the batch's gate and epoch, in ascending consecutive {@code seq} order.
     */
    public static BatchMessage parseBatch(byte[] payload, String topicGate) throws InvalidPayloadException {
        JsonFields f = envelope(tree(payload), topicGate);
        String epoch = f.matching("epoch", EPOCH, "16 lowercase hex digits");
        List<JsonFields> items = f.objects("entries", 1, MAX_BATCH_ENTRIES);
        List<EntryMessage> entries = new ArrayList<>(items.size());
        for (JsonFields item : items) {
            EntryMessage e = entry(envelope(item, topicGate));
            if (!e.epoch().equals(epoch)) {
                throw new InvalidPayloadException(item.name("epoch") + ": differs from the batch's epoch");
            }
            if (!entries.isEmpty() && e.seq() != entries.get(entries.size() - 1).seq() + 1) {
                throw new InvalidPayloadException(item.name("seq") + ": must be "
                        + (entries.get(entries.size() - 1).seq() + 1) + " (consecutive, ascending)");
            }
            entries.add(e);
        }
        return new BatchMessage(topicGate, epoch, List.copyOf(entries));
    }

    private static final Set<String> HEALTH_FIELDS = Set.of("colour", "source", "checked_at");
    private static final Pattern HEALTH_SOURCE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private static EntryMessage entry(JsonFields f) throws InvalidPayloadException {
        String gate = f.text("gate", MAX_TEXT);
        String epoch = f.matching("epoch", EPOCH, "16 lowercase hex digits");
        long seq = f.integer("seq", 1, Bounds.MAX_INTEGER);
        String id = f.text("id", 3 * MAX_TEXT);
        if (!id.equals(gate + "-" + epoch + "-" + seq)) {
            throw new InvalidPayloadException(f.name("id") + ": must be {gate}-{epoch}-{seq}");
        }
        EntryMessage.Credential credential = credential(f.objectOrNull("credential"));
        EntryMessage.Temperature temperature = temperature(f.objectOrNull("temperature"));
        String decision = f.text("decision", MAX_TEXT);
        if (!DECISIONS.contains(decision)) {
            throw new InvalidPayloadException(f.name("decision") + ": must be one of "
                    + DECISIONS.stream().sorted().toList());
        }
        return new EntryMessage(
                id,
                gate,
                epoch,
                seq,
                f.instant("at"),
                f.text("boot", MAX_TEXT),
                f.integer("mono_ms", 0, Bounds.MAX_INTEGER),
                f.bool("clock_synced"),
                credential,
                temperature,
                decision,
                f.number("threshold_c", Bounds.THRESHOLD_MIN_C, Bounds.THRESHOLD_MAX_C),
                EntryRulesJson.parse(f, decision),
                f.absentOrNull("health") ? null : health(f.object("health")));
    }

    /** The entry's {@code health} object: exactly colour, source and checked_at; anything else in it is refused. */
    private static EntryMessage.Health health(JsonFields h) throws InvalidPayloadException {
        if (h == null) {
            return null;
        }
        for (String name : h.fieldNames()) {
            if (!HEALTH_FIELDS.contains(name)) {
                throw new InvalidPayloadException(
                        h.name(name) + ": not a health field (only colour, source, checked_at:"
                                + " an entry never carries the code's content)");
            }
        }
        String colour = h.text("colour", MAX_TEXT);
        if (!EntryMessage.Health.COLOURS.contains(colour)) {
            throw new InvalidPayloadException(h.name("colour") + ": must be one of "
                    + EntryMessage.Health.COLOURS.stream().sorted().toList());
        }
        return new EntryMessage.Health(
                colour,
                h.matching("source", HEALTH_SOURCE, "1-32 lowercase letters, digits or '-' starting with a letter"),
                h.instant("checked_at"));
    }

    /** Parses a status received on the status topic of {@code topicGate}. */
    public static StatusMessage parseStatus(byte[] payload, String topicGate) throws InvalidPayloadException {
        JsonFields f = envelope(tree(payload), topicGate);
        String state = f.text("state", MAX_TEXT);
        if (!STATES.contains(state)) {
            throw new InvalidPayloadException("state: must be one of " + STATES);
        }
        return new StatusMessage(
                f.text("gate", MAX_TEXT),
                state,
                f.text("reason", MAX_TEXT),
                f.matching("epoch", EPOCH, "16 lowercase hex digits"),
                f.text("boot", MAX_TEXT),
                f.instant("at"));
    }

    /** The retained acknowledgement {@code {"v":1,"epoch":…,"upTo":…}}. */
    public static byte[] ackPayload(String epoch, long upTo) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", SCHEMA_VERSION);
        n.put("epoch", epoch);
        n.put("upTo", upTo);
        return write(n).getBytes(StandardCharsets.UTF_8);
    }

    /** The command {@code resend} for a gate ({@code docs/contract/command-resend.json}). */
    public static byte[] resendPayload(ResendCommand c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", SCHEMA_VERSION);
        n.put("command", ResendCommand.COMMAND);
        n.put("id", c.id());
        n.put("epoch", c.epoch());
        n.put("from", c.from());
        n.put("to", c.to());
        return write(n).getBytes(StandardCharsets.UTF_8);
    }

    /** Puts {@code t} as the entry's {@code temperature} object into {@code n}, or null when there is none. */
    public static void putTemperature(ObjectNode n, EntryMessage.Temperature t) {
        if (t == null) {
            n.putNull("temperature");
        } else {
            ObjectNode o = n.putObject("temperature");
            o.put("body_c", t.bodyC());
            o.put("object_c", t.objectC());
            o.put("ambient_c", t.ambientC());
            o.put("offset_c", t.offsetC());
            o.put("samples", t.samples());
        }
    }

    /** The entry as contract JSON with exactly the contract's fields: what the hub stores as {@code payload}. */
    public static String canonical(EntryMessage e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", SCHEMA_VERSION);
        n.put("id", e.id());
        n.put("gate", e.gate());
        n.put("epoch", e.epoch());
        n.put("seq", e.seq());
        n.put("at", TIME_FORMAT.format(e.at()));
        n.put("boot", e.boot());
        n.put("mono_ms", e.monoMs());
        n.put("clock_synced", e.clockSynced());
        if (e.credential() == null) {
            n.putNull("credential");
        } else {
            ObjectNode c = n.putObject("credential");
            c.put("kind", e.credential().kind());
            c.put("hash", e.credential().hash());
            c.put("masked", e.credential().masked());
        }
        putTemperature(n, e.temperature());
        n.put("decision", e.decision());
        n.put("threshold_c", e.thresholdC());
        if (e.rules() != null) {
            EntryRulesJson.write(n, e.rules());
        }
        if (e.health() != null) {
            ObjectNode h = n.putObject("health");
            h.put("colour", e.health().colour());
            h.put("source", e.health().source());
            h.put("checked_at", TIME_FORMAT.format(e.health().checkedAt()));
        }
        return write(n);
    }

    /** The rule fields alone as a JSON object (what the hub stores beside the entry's columns). */
    public static String rulesJson(EntryRules r) {
        ObjectNode n = MAPPER.createObjectNode();
        EntryRulesJson.write(n, r);
        return write(n);
    }

    /**
     * Reads rule fields the hub stored with {@link #rulesJson}; null for null.
     *
     * @throws IllegalStateException when the stored text is not valid rule fields (a corrupt database)
     */
    public static EntryRules parseStoredRules(String json, String decision) {
        if (json == null) {
            return null;
        }
        try {
            return EntryRulesJson.parse(tree(json.getBytes(StandardCharsets.UTF_8)), decision);
        } catch (InvalidPayloadException e) {
            throw new IllegalStateException("stored rule fields are invalid: " + e.getMessage(), e);
        }
    }

    /** The payload as a JSON object, with the root's field reader. */
    static JsonFields tree(byte[] payload) throws InvalidPayloadException {
        if (payload == null || payload.length == 0) {
            throw new InvalidPayloadException("payload is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new InvalidPayloadException("payload is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPayloadException("payload is not a JSON object");
        }
        return new JsonFields(root, "");
    }

    /** Checks what every v1 message has: {@code v == 1} and a {@code gate} equal to the topic's. */
    static JsonFields envelope(JsonFields f, String topicGate) throws InvalidPayloadException {
        f.schemaVersion(SCHEMA_VERSION);
        String gate = f.text("gate", MAX_TEXT);
        if (!gate.equals(topicGate)) {
            throw new InvalidPayloadException(f.name("gate") + ": differs from the topic's gate '" + topicGate + "'");
        }
        return f;
    }

    private static EntryMessage.Credential credential(JsonFields c) throws InvalidPayloadException {
        if (c == null) {
            return null;
        }
        return new EntryMessage.Credential(
                c.matching("kind", KIND, "a lowercase kind like id-card"),
                c.matching("hash", HASH, "64 lowercase hex digits, or v2: and 64"),
                c.matching("masked", MASKED, "a masked value with '*' hiding the middle"));
    }

    private static EntryMessage.Temperature temperature(JsonFields t) throws InvalidPayloadException {
        if (t == null) {
            return null;
        }
        return new EntryMessage.Temperature(
                t.number("body_c", Bounds.BODY_MIN_C, Bounds.BODY_MAX_C),
                t.number("object_c", Bounds.OBJECT_MIN_C, Bounds.OBJECT_MAX_C),
                t.numberOrNull("ambient_c", Bounds.AMBIENT_MIN_C, Bounds.AMBIENT_MAX_C),
                t.number("offset_c", Bounds.OFFSET_MIN_C, Bounds.OFFSET_MAX_C),
                (int) t.integer("samples", 1, Bounds.MAX_SAMPLES));
    }

    static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of plain values", e);
        }
    }
}
