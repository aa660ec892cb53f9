package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

class ListDocumentsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void reproducesEveryContractExampleAndItsManifestChecksum() throws Exception {
        JsonNode manifest = Contract.json("lists-manifest.json");
        List<ListDocuments.ManifestEntry> entries = new ArrayList<>();
        for (ListKind kind : ListKind.values()) {
            JsonNode example = Contract.json("lists-" + kind.wire() + ".json");
            List<String> items = new ArrayList<>();
            example.get("items").forEach(i -> items.add(i.toString()));
            ListDocuments.Split split = ListDocuments.split(
                    kind,
                    example.get("version").longValue(),
                    Instant.parse(example.get("published_at").textValue()),
                    items);

            assertEquals(1, split.parts().size());
            assertEquals(example, MAPPER.readTree(split.parts().getFirst()), kind.wire());
            JsonNode listed = manifest.get("lists").get(kind.wire());
            assertEquals(listed.get("sha256").textValue(), split.sha256(), kind.wire());
            assertEquals(listed.get("items").intValue(), split.items());
            entries.add(split.entry());
        }
        byte[] made = ListDocuments.manifest(
                entries, Instant.parse(manifest.get("published_at").textValue()));
        assertEquals(manifest, MAPPER.readTree(made));
    }

    @Test
    void splitsALongListIntoPartsUnderTheLimitInItemOrder() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add("{\"household\":\"" + "户".repeat(20) + i + "\"}");
        }
        int limit = 8 * 1024;
        ListDocuments.Split split =
                ListDocuments.split(ListKind.BLOCKED, 9, Instant.parse("2026-11-28T00:00:00Z"), items, limit);

        assertTrue(split.parts().size() > 3, "parts: " + split.parts().size());
        List<String> back = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int p = 0; p < split.parts().size(); p++) {
            byte[] bytes = split.parts().get(p);
            assertTrue(bytes.length <= limit, "part " + (p + 1) + " has " + bytes.length + " bytes");
            JsonNode doc = MAPPER.readTree(bytes);
            assertEquals(p + 1, doc.get("part").intValue());
            assertEquals(split.parts().size(), doc.get("parts").intValue());
            assertEquals(9, doc.get("version").intValue());
            doc.get("items").forEach(i -> back.add(i.toString()));
            all.write(bytes);
        }
        assertEquals(items, back);
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.toByteArray())),
                split.sha256());
    }

    @Test
    void anEmptyListIsOnePartWithNoItems() throws Exception {
        ListDocuments.Split split = ListDocuments.split(ListKind.BADGES, 1, Instant.EPOCH, List.of());
        assertEquals(1, split.parts().size());
        assertEquals(0, MAPPER.readTree(split.parts().getFirst()).get("items").size());
    }

    @Test
    void refusesAnItemTooLargeForAnyPart() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ListDocuments.split(
                        ListKind.BLOCKED, 1, Instant.EPOCH, List.of("\"" + "x".repeat(2000) + "\""), 1024));
    }
}
