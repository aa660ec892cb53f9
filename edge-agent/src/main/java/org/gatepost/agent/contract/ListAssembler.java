package org.gatepost.agent.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts list versions together from the retained messages of {@code docs/mqtt.md} (Lists): parts of
 * {@code gatepost/v1/hub/lists/{list}/{part}} and the manifest, in any order. A version is {@link Complete}
 * when the latest manifest names it and every part {@code 1..parts} of that version is held, and the SHA-256 of
 * the parts' payload bytes concatenated in part order equals the manifest's {@code sha256}. Parts of a version
 * not above the one held are ignored; so are parts older than the version pending; an empty payload is never a
 * part. Memory: the latest manifest and at most one pending version per list, each part at most
 * {@link #MAX_PART_BYTES}, at most {@link #MAX_PARTS} parts.
 *
 * <p>Pure logic, no I/O. Not thread safe: one thread (the MQTT callback) feeds it.
 */
public final class ListAssembler {
    public static final String MANIFEST_TOPIC = Topics.LISTS_ROOT + "manifest";
    /** The contract's largest part. */
    public static final int MAX_PART_BYTES = 256 * 1024;
    /** Far more parts than 200,000 residents need (about 1,000 fit in one part). */
    public static final int MAX_PARTS = 256;

    private static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What one message did. Carries no item data except in {@link Complete}. */
    public sealed interface Outcome {}

    /** A version to apply: verified, parts in order. */
    public record Complete(String list, long version, Instant publishedAt, String sha256, int items, List<byte[]> parts)
            implements Outcome {
        public Complete {
            parts = List.copyOf(parts);
        }
    }

    /** A version that will not be applied from the parts received (reported once per list and version). */
    public record Ignored(String list, long version, String reason) implements Outcome {}

    /** A version whose parts were all there but did not verify; its parts are dropped. */
    public record Rejected(String list, long version, String reason) implements Outcome {}

    /** A message that is not a usable part or manifest; {@code reason} names the field, never a value. */
    public record Malformed(String topic, String reason) implements Outcome {}

    private record ManifestEntry(long version, int parts, int items, String sha256) {}

    private static final class Pending {
        final long version;
        final int parts;
        final Instant publishedAt;
        final TreeMap<Integer, byte[]> received = new TreeMap<>();
        final Map<Integer, Integer> items = new HashMap<>();

        Pending(long version, int parts, Instant publishedAt) {
            this.version = version;
            this.parts = parts;
            this.publishedAt = publishedAt;
        }
    }

    private final Map<String, Long> held = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Long> reportedIgnored = new HashMap<>();
    private Map<String, ManifestEntry> manifest = Map.of();

    /** @param held the version of each list the gate already has (loaded from its database) */
    public ListAssembler(Map<String, Long> held) {
        this.held.putAll(held);
    }

    /** Records that {@code version} of {@code list} is now held: parts up to it are ignored from now on. */
    public void held(String list, long version) {
        held.merge(list, version, Math::max);
        Pending p = pending.get(list);
        if (p != null && p.version <= version) {
            pending.remove(list);
        }
    }

    /** Feeds one message; returns what it completed, rejected or ignored (often nothing). */
    public List<Outcome> offer(String topic, byte[] payload) {
        if (MANIFEST_TOPIC.equals(topic)) {
            return manifest(topic, payload);
        }
        if (!topic.startsWith(Topics.LISTS_ROOT)) {
            return List.of(new Malformed(topic, "not a lists topic"));
        }
        String[] path = topic.substring(Topics.LISTS_ROOT.length()).split("/", -1);
        if (path.length != 2 || !ListNames.ALL.contains(path[0]) || !path[1].matches("[1-9][0-9]{0,8}")) {
            return List.of(new Malformed(topic, "not a part topic of a known list"));
        }
        if (payload.length == 0) {
            return List.of();
        }
        try {
            return part(path[0], Integer.parseInt(path[1]), payload);
        } catch (Bad e) {
            return List.of(new Malformed(topic, e.getMessage()));
        }
    }

    private List<Outcome> part(String list, int number, byte[] payload) throws Bad {
        if (payload.length > MAX_PART_BYTES) {
            throw new Bad("part larger than " + MAX_PART_BYTES + " bytes");
        }
        JsonNode doc = tree(payload);
        schema(doc);
        if (!list.equals(doc.path("list").textValue())) {
            throw new Bad("list: differs from the topic");
        }
        long version = integer(doc, "version", 1, Long.MAX_VALUE);
        int parts = (int) integer(doc, "parts", 1, MAX_PARTS);
        if (integer(doc, "part", 1, parts) != number) {
            throw new Bad("part: differs from the topic");
        }
        Instant publishedAt = instant(doc, "published_at");
        JsonNode items = doc.get("items");
        if (items == null || !items.isArray()) {
            throw new Bad("items: must be an array");
        }

        long have = held.getOrDefault(list, 0L);
        if (version <= have) {
            return ignored(list, version, version == have ? "already-held" : "lower-than-held");
        }
        Pending p = pending.get(list);
        if (p != null && version < p.version) {
            return ignored(list, version, "older-than-pending");
        }
        if (p == null || version > p.version) {
            p = new Pending(version, parts, publishedAt);
            pending.put(list, p);
        }
        if (p.parts != parts || !p.publishedAt.equals(publishedAt)) {
            throw new Bad("parts, published_at: differ from earlier parts of version " + version);
        }
        p.received.put(number, payload);
        p.items.put(number, items.size());
        return complete(list);
    }

    private List<Outcome> manifest(String topic, byte[] payload) {
        if (payload.length == 0) {
            return List.of();
        }
        Map<String, ManifestEntry> next = new HashMap<>();
        try {
            if (payload.length > MAX_PART_BYTES) {
                throw new Bad("manifest larger than " + MAX_PART_BYTES + " bytes");
            }
            JsonNode doc = tree(payload);
            schema(doc);
            JsonNode lists = doc.get("lists");
            if (lists == null || !lists.isObject()) {
                throw new Bad("lists: must be an object");
            }
            for (String name : ListNames.ALL) {
                JsonNode l = lists.get(name);
                if (l == null) {
                    continue;
                }
                if (!l.isObject()) {
                    throw new Bad("lists." + name + ": must be an object");
                }
                JsonNode sha = l.get("sha256");
                if (sha == null
                        || !sha.isTextual()
                        || !ItemFields.SHA256.matcher(sha.textValue()).matches()) {
                    throw new Bad("lists." + name + ".sha256: must be 64 lowercase hex digits");
                }
                next.put(
                        name,
                        new ManifestEntry(
                                integer(l, "version", 1, Long.MAX_VALUE),
                                (int) integer(l, "parts", 1, MAX_PARTS),
                                (int) integer(l, "items", 0, Integer.MAX_VALUE),
                                sha.textValue()));
            }
        } catch (Bad e) {
            return List.of(new Malformed(topic, e.getMessage()));
        }
        manifest = Map.copyOf(next);
        List<Outcome> out = new ArrayList<>();
        for (String name : ListNames.ALL) {
            out.addAll(complete(name));
        }
        return out;
    }

    private List<Outcome> complete(String list) {
        ManifestEntry m = manifest.get(list);
        Pending p = pending.get(list);
        if (m == null || p == null || m.version() != p.version) {
            return List.of();
        }
        if (m.parts() != p.parts) {
            pending.remove(list);
            return List.of(new Rejected(list, p.version, "parts-differ-from-manifest"));
        }
        if (p.received.size() < p.parts) {
            return List.of();
        }
        pending.remove(list);
        List<byte[]> parts = new ArrayList<>(p.received.values());
        int items = p.items.values().stream().mapToInt(Integer::intValue).sum();
        if (!sha256Hex(parts).equals(m.sha256())) {
            return List.of(new Rejected(list, p.version, "sha256-mismatch"));
        }
        if (items != m.items()) {
            return List.of(new Rejected(list, p.version, "items-differ-from-manifest"));
        }
        return List.of(new Complete(list, p.version, p.publishedAt, m.sha256(), items, parts));
    }

    private List<Outcome> ignored(String list, long version, String reason) {
        Long before = reportedIgnored.put(list, version);
        return before != null && before == version ? List.of() : List.of(new Ignored(list, version, reason));
    }

    private static JsonNode tree(byte[] payload) throws Bad {
        try {
            JsonNode doc = MAPPER.readTree(payload);
            if (doc == null || !doc.isObject()) {
                throw new Bad("not a JSON object");
            }
            return doc;
        } catch (IOException e) {
            throw new Bad("not valid JSON");
        }
    }

    private static void schema(JsonNode doc) throws Bad {
        JsonNode v = doc.get("v");
        if (v == null || !v.isIntegralNumber() || v.longValue() != SCHEMA_VERSION) {
            throw new Bad("v: must be 1");
        }
    }

    private static long integer(JsonNode doc, String field, long min, long max) throws Bad {
        JsonNode n = doc.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new Bad(field + ": must be an integer");
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw new Bad(field + ": must be " + min + " to " + max);
        }
        return v;
    }

    private static Instant instant(JsonNode doc, String field) throws Bad {
        JsonNode n = doc.get(field);
        try {
            if (n != null && n.isTextual()) {
                return Instant.parse(n.textValue());
            }
        } catch (DateTimeParseException e) {
            // falls through
        }
        throw new Bad(field + ": must be an ISO-8601 UTC time");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The hex SHA-256 of the parts' bytes in order; the lists verify a stored version again with it when they load. */
    public static String sha256Hex(List<byte[]> parts) {
        MessageDigest sha = sha256();
        parts.forEach(sha::update);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static final class Bad extends Exception {
        Bad(String message) {
            super(message, null, false, false);
        }
    }
}
