package org.gatepost.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatepost.agent.contract.ListNames;

/**
 * Makes list messages the way the hub publishes them (hub {@code ListDocuments}): each item as compact Jackson
 * JSON, parts filled in item order up to a byte limit, the manifest's {@code sha256} over the parts' bytes
 * concatenated in part order; and reads the contract examples in {@code docs/contract/} as the compact bytes the
 * hub publishes for them. Written independently of the agent's assembler, as its oracle.
 */
public final class HubLists {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String ROOT = "gatepost/v1/hub/lists/";
    public static final String MANIFEST = ROOT + "manifest";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Path CONTRACT = Path.of("..", "docs", "contract");

    /** One list version as published: parts in order and what the manifest says of it. */
    public record Version(String list, long version, int items, List<byte[]> parts, String sha256) {
        public String topic(int part) {
            return ROOT + list + "/" + part;
        }

        public ObjectNode manifestEntry() {
            ObjectNode l = MAPPER.createObjectNode();
            l.put("version", version);
            l.put("parts", parts.size());
            l.put("items", items);
            l.put("sha256", sha256);
            return l;
        }
    }

    private HubLists() {}

    public static Version split(
            String list, long version, Instant publishedAt, List<? extends JsonNode> items, int maxBytes) {
        List<List<JsonNode>> groups = new ArrayList<>();
        List<JsonNode> current = new ArrayList<>();
        int used = 0;
        int room = maxBytes - 200;
        for (JsonNode item : items) {
            int size = item.toString().getBytes(StandardCharsets.UTF_8).length + 1;
            if (used + size > room && !current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(item);
            used += size;
        }
        groups.add(current);
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            ObjectNode doc = MAPPER.createObjectNode();
            doc.put("v", 1);
            doc.put("list", list);
            doc.put("version", version);
            doc.put("published_at", TIME.format(publishedAt));
            doc.put("parts", groups.size());
            doc.put("part", i + 1);
            ArrayNode a = doc.putArray("items");
            groups.get(i).forEach(a::add);
            parts.add(doc.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new Version(list, version, items.size(), parts, sha256(parts));
    }

    public static Version split(String list, long version, List<? extends JsonNode> items) {
        return split(list, version, Instant.parse("2026-11-28T07:30:00Z"), items, 256 * 1024);
    }

    public static byte[] manifest(Version... versions) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", 1);
        n.put("published_at", "2026-11-28T07:30:00.412Z");
        ObjectNode lists = n.putObject("lists");
        for (Version v : versions) {
            lists.set(v.list(), v.manifestEntry());
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code docs/contract/lists-{list}.json} as the compact bytes the hub publishes. */
    public static byte[] examplePart(String list) throws IOException {
        return MAPPER.readTree(CONTRACT.resolve("lists-" + list + ".json").toFile())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] exampleManifest() throws IOException {
        return MAPPER.readTree(CONTRACT.resolve("lists-manifest.json").toFile())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Every contract example part by its topic, then the manifest's topic last. */
    public static Map<String, byte[]> exampleMessages() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String list : ListNames.ALL) {
            out.put(ROOT + list + "/1", examplePart(list));
        }
        out.put(MANIFEST, exampleManifest());
        return out;
    }

    public static ObjectNode resident(int i) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("hash", hash(i));
        n.put("masked", "110105********" + String.format("%04d", i % 10_000));
        n.put("name", "居民" + i);
        n.put("building", String.valueOf(1 + i % 9));
        n.put("unit", String.valueOf(1 + i % 4));
        n.put("household", (1 + i % 9) + "-" + (1 + i % 4) + "-" + (101 + i / 36));
        n.put("grid", "第一网格");
        return n;
    }

    public static List<ObjectNode> residents(int count) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(resident(i));
        }
        return out;
    }

    /** A distinct 64-hex-digit hash for {@code i} (not a real person's). */
    public static String hash(int i) {
        return sha256(List.of(("person-" + i).getBytes(StandardCharsets.UTF_8)));
    }

    public static String sha256(List<byte[]> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            parts.forEach(sha::update);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode tree(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }
}
