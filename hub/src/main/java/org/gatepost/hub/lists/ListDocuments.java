package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.gatepost.hub.contract.ContractJson;

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
    public record Split(
            ListKind list, long version, Instant publishedAt, int items, List<byte[]> parts, String sha256) {
        /** What the manifest says about this version. */
        public ManifestEntry entry() {
            return new ManifestEntry(list, version, parts.size(), items, sha256);
        }
    }

    /** One list in the manifest. */
    public record ManifestEntry(ListKind list, long version, int parts, int items, String sha256) {}

    private ListDocuments() {}

    /**
     * @param items each item as compact JSON text
     * @throws IllegalArgumentException when one item alone does not fit in a part
     */
    public static Split split(ListKind list, long version, Instant publishedAt, List<String> items) {
        return split(list, version, publishedAt, items, MAX_PART_BYTES);
    }

    static Split split(ListKind list, long version, Instant publishedAt, List<String> items, int maxBytes) {
        List<byte[]> utf8 = new ArrayList<>(items.size());
        items.forEach(i -> utf8.add(i.getBytes(StandardCharsets.UTF_8)));
        Parts parts = parts(list, version, publishedAt, utf8, maxBytes);
        List<byte[]> all = new ArrayList<>();
        for (int i = 1; i <= parts.count(); i++) {
            all.add(parts.part(i));
        }
        return new Split(list, version, publishedAt, items.size(), List.copyOf(all), parts.sha256());
    }

    /**
     * The parts of a list version whose items are given as UTF-8 JSON, built one at a time when asked
     * ({@link Parts#part}), so only one part's bytes exist beside the items: a list of 200,000 residents is about
     * 50 MB of parts. The same bytes as {@link #split}.
     *
     * @throws IllegalArgumentException when one item alone does not fit in a part
     */
    public static Parts parts(ListKind list, long version, Instant publishedAt, List<byte[]> items) {
        return parts(list, version, publishedAt, items, MAX_PART_BYTES);
    }

    static Parts parts(ListKind list, long version, Instant publishedAt, List<byte[]> items, int maxBytes) {
        String head = "{\"v\":1,\"list\":\"" + list.wire() + "\",\"version\":" + version + ",\"published_at\":\""
                + ContractJson.TIME_FORMAT.format(publishedAt) + "\",\"parts\":";
        int room = maxBytes - utf8(head) - utf8(",\"part\":,\"items\":[]}") - NUMBER_ROOM;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int used = 0;
        for (int i = 0; i < items.size(); i++) {
            int size = items.get(i).length + 1;
            if (size > room) {
                throw new IllegalArgumentException(list.wire() + ": an item of " + size + " bytes cannot fit a part");
            }
            if (used + size > room) {
                starts.add(i);
                used = 0;
            }
            used += size;
        }
        return new Parts(list, version, publishedAt, head, items, starts);
    }

    /**
     * A version's parts, made on demand: call {@link #part} for 1, 2, … {@link #count()} in order, then
     * {@link #sha256()} and {@link #entry()}. Not thread safe.
     */
    public static final class Parts {
        private final ListKind list;
        private final long version;
        private final Instant publishedAt;
        private final String head;
        private final List<byte[]> items;
        private final List<Integer> starts;
        private final MessageDigest sha = ListDocuments.sha256();
        private int made;

        private Parts(
                ListKind list,
                long version,
                Instant publishedAt,
                String head,
                List<byte[]> items,
                List<Integer> starts) {
            this.list = list;
            this.version = version;
            this.publishedAt = publishedAt;
            this.head = head;
            this.items = items;
            this.starts = starts;
        }

        public int count() {
            return starts.size();
        }

        /** Part {@code number} (1-based); each in turn, once. */
        public byte[] part(int number) {
            if (number != made + 1) {
                throw new IllegalStateException("parts are made in order: expected " + (made + 1) + ", got " + number);
            }
            int from = starts.get(number - 1);
            int to = number < starts.size() ? starts.get(number) : items.size();
            ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_PART_BYTES);
            out.writeBytes(
                    (head + starts.size() + ",\"part\":" + number + ",\"items\":[").getBytes(StandardCharsets.UTF_8));
            for (int i = from; i < to; i++) {
                if (i > from) {
                    out.write(',');
                }
                out.writeBytes(items.get(i));
            }
            out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
            byte[] b = out.toByteArray();
            sha.update(b);
            made = number;
            return b;
        }

        /** Of all parts' bytes in order; only once every part was made. */
        public String sha256() {
            if (made != starts.size()) {
                throw new IllegalStateException("sha256 before every part was made");
            }
            return HexFormat.of().formatHex(sha.digest());
        }

        /** What the manifest says about this version; only once every part was made. */
        public ManifestEntry entry() {
            return new ManifestEntry(list, version, starts.size(), items.size(), sha256());
        }
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
