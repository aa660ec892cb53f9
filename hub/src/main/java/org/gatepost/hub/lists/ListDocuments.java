package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gatepost.hub.contract.ContractJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a list version into the messages of {@code docs/mqtt.md} (Lists): parts of at most {@link #MAX_PART_BYTES}
 * bytes, filled in item order, and the manifest. The same version always gives the same bytes. Stateless.
 */
public final class ListDocuments {
    /** Largest part payload, in bytes of UTF-8 JSON. */
    public static final int MAX_PART_BYTES = 256 * 1024;
    /** Room kept for {@code parts} and {@code part} numbers in a header sized before they are known. */
    private static final int NUMBER_ROOM = 2 * 9;

    /** One list version, cut into parts. {@code sha256}: of the parts' bytes concatenated in order. */
    public record Split(ListKind list, long version, Instant publishedAt, int items, List<byte[]> parts,
                        String sha256) {
        /** What the manifest says about this version. */
        public ManifestEntry entry() {
            return new ManifestEntry(list, version, parts.size(), items, sha256);
        }
    }

    /** One list in the manifest. */
    public record ManifestEntry(ListKind list, long version, int parts, int items, String sha256) {
    }

    private ListDocuments() {
    }

    /**
     * @param items each item as compact JSON text
     * @throws IllegalArgumentException when one item alone does not fit in a part
     */
    public static Split split(ListKind list, long version, Instant publishedAt, List<String> items) {
        return split(list, version, publishedAt, items, MAX_PART_BYTES);
    }

    static Split split(ListKind list, long version, Instant publishedAt, List<String> items, int maxBytes) {
        String head = "{\"v\":1,\"list\":\"" + list.wire() + "\",\"version\":" + version + ",\"published_at\":\""
                + ContractJson.TIME_FORMAT.format(publishedAt) + "\",\"parts\":";
        int room = maxBytes - utf8(head) - utf8(",\"part\":,\"items\":[]}") - NUMBER_ROOM;
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int used = 0;
        for (String item : items) {
            int size = utf8(item) + 1;
            if (size > room) {
                throw new IllegalArgumentException(list.wire() + ": an item of " + size + " bytes cannot fit a part");
            }
            if (used + size > room) {
                groups.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(item);
            used += size;
        }
        groups.add(current);
        List<byte[]> parts = new ArrayList<>();
        MessageDigest sha = sha256();
        for (int i = 0; i < groups.size(); i++) {
            byte[] b = (head + groups.size() + ",\"part\":" + (i + 1) + ",\"items\":["
                    + String.join(",", groups.get(i)) + "]}").getBytes(StandardCharsets.UTF_8);
            parts.add(b);
            sha.update(b);
        }
        return new Split(list, version, publishedAt, items.size(), List.copyOf(parts),
                HexFormat.of().formatHex(sha.digest()));
    }

    /** The manifest naming every list's current version, in the order given. */
    public static byte[] manifest(List<ManifestEntry> entries, Instant publishedAt) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("v", 1);
        n.put("published_at", ContractJson.TIME_FORMAT.format(publishedAt));
        ObjectNode lists = n.putObject("lists");
        for (ManifestEntry s : entries) {
            ObjectNode l = lists.putObject(s.list().wire());
            l.put("version", s.version());
            l.put("parts", s.parts());
            l.put("items", s.items());
            l.put("sha256", s.sha256());
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int utf8(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
