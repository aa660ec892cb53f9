package org.gatepost.agent.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatepost.agent.testing.HubLists;
import org.junit.jupiter.api.Test;

class ListAssemblerTest {
    private final ListAssembler assembler = new ListAssembler(Map.of());

    private List<ListAssembler.Outcome> offerAll(HubLists.Version v) {
        List<ListAssembler.Outcome> out = new ArrayList<>();
        for (int i = 0; i < v.parts().size(); i++) {
            out.addAll(assembler.offer(v.topic(i + 1), v.parts().get(i)));
        }
        return out;
    }

    private List<ListAssembler.Outcome> offerManifest(HubLists.Version v) {
        return assembler.offer(HubLists.MANIFEST, HubLists.manifest(v));
    }

    private static ListAssembler.Complete onlyComplete(List<ListAssembler.Outcome> outcomes) {
        assertEquals(1, outcomes.size(), outcomes.toString());
        return assertInstanceOf(ListAssembler.Complete.class, outcomes.getFirst());
    }

    @Test
    void everyContractExampleVerifiesAgainstTheExampleManifest() throws Exception {
        List<ListAssembler.Outcome> outcomes = new ArrayList<>();
        HubLists.exampleMessages().forEach((topic, payload) -> outcomes.addAll(assembler.offer(topic, payload)));

        assertEquals(6, outcomes.size(), outcomes.toString());
        Map<String, Long> versions =
                Map.of("residents", 7L, "quarantine", 3L, "blocked", 2L, "badges", 4L, "policy", 5L, "passes", 3L);
        for (ListAssembler.Outcome o : outcomes) {
            ListAssembler.Complete c = assertInstanceOf(ListAssembler.Complete.class, o);
            assertEquals(versions.get(c.list()), c.version(), c.list());
            assertArrayEquals(HubLists.examplePart(c.list()), c.parts().getFirst());
        }
    }

    @Test
    void aMultiPartVersionCompletesOnlyWithItsLastPart() {
        HubLists.Version v = HubLists.split("residents", 3, Instant.EPOCH, HubLists.residents(400), 8 * 1024);
        assertTrue(v.parts().size() > 3, "parts: " + v.parts().size());
        assertEquals(List.of(), offerManifest(v));
        for (int i = v.parts().size(); i > 1; i--) {
            assertEquals(List.of(), assembler.offer(v.topic(i), v.parts().get(i - 1)), "part " + i);
        }

        ListAssembler.Complete c =
                onlyComplete(assembler.offer(v.topic(1), v.parts().getFirst()));

        assertEquals(400, c.items());
        assertEquals(v.parts().size(), c.parts().size());
        for (int i = 0; i < v.parts().size(); i++) {
            assertArrayEquals(v.parts().get(i), c.parts().get(i), "part " + (i + 1));
        }
        assertEquals(v.sha256(), c.sha256());
    }

    @Test
    void partsBeforeTheManifestApplyWhenTheManifestArrives() {
        HubLists.Version v = HubLists.split("residents", 7, HubLists.residents(3));
        assertEquals(List.of(), offerAll(v));

        ListAssembler.Complete c = onlyComplete(offerManifest(v));

        assertEquals(7, c.version());
    }

    @Test
    void theManifestBeforeThePartsAppliesWithTheLastPart() {
        HubLists.Version v = HubLists.split(
                "blocked", 2, List.of(HubLists.MAPPER.createObjectNode().put("household", "7-1-101")));
        assertEquals(List.of(), offerManifest(v));

        assertEquals(2, onlyComplete(offerAll(v)).version());
    }

    @Test
    void aRetainedPartOfAnOlderLongerVersionIsIgnored() {
        HubLists.Version old = HubLists.split("residents", 6, Instant.EPOCH, HubLists.residents(300), 8 * 1024);
        HubLists.Version now = HubLists.split("residents", 7, Instant.EPOCH, HubLists.residents(10), 8 * 1024);
        assertEquals(1, now.parts().size());
        assertEquals(List.of(), assembler.offer(now.topic(1), now.parts().getFirst()));

        List<ListAssembler.Outcome> stale =
                assembler.offer(old.topic(2), old.parts().get(1));
        ListAssembler.Ignored ignored = assertInstanceOf(ListAssembler.Ignored.class, stale.getFirst());
        assertEquals(6, ignored.version());

        assertEquals(7, onlyComplete(offerManifest(now)).version());
    }

    @Test
    void thePartsOfANewerVersionThatOvertookTheManifestWaitForItsManifest() {
        HubLists.Version v7 = HubLists.split("residents", 7, HubLists.residents(2));
        HubLists.Version v8 = HubLists.split("residents", 8, HubLists.residents(3));
        assertEquals(List.of(), offerManifest(v7));

        assertEquals(List.of(), offerAll(v8));
        assertEquals(8, onlyComplete(offerManifest(v8)).version());
    }

    @Test
    void aChecksumMismatchIsRejectedAndNothingCompletes() {
        HubLists.Version v = HubLists.split("residents", 7, HubLists.residents(2));
        HubLists.Version other = HubLists.split("residents", 7, HubLists.residents(3));
        offerAll(v);

        List<ListAssembler.Outcome> out = assembler.offer(
                HubLists.MANIFEST,
                HubLists.manifest(new HubLists.Version("residents", 7, 2, v.parts(), other.sha256())));

        ListAssembler.Rejected r = assertInstanceOf(ListAssembler.Rejected.class, out.getFirst());
        assertEquals("sha256-mismatch", r.reason());
        assertEquals(1, out.size());
    }

    @Test
    void aVersionNotAboveTheOneHeldIsIgnoredOnce() {
        ListAssembler held = new ListAssembler(Map.of("residents", 7L));
        HubLists.Version v6 = HubLists.split("residents", 6, HubLists.residents(2));
        HubLists.Version v7 = HubLists.split("residents", 7, HubLists.residents(2));

        ListAssembler.Ignored lower = assertInstanceOf(
                ListAssembler.Ignored.class,
                held.offer(v6.topic(1), v6.parts().getFirst()).getFirst());
        assertEquals("lower-than-held", lower.reason());
        assertEquals(List.of(), held.offer(v6.topic(1), v6.parts().getFirst()), "reported once");
        assertEquals(
                "already-held",
                assertInstanceOf(
                                ListAssembler.Ignored.class,
                                held.offer(v7.topic(1), v7.parts().getFirst()).getFirst())
                        .reason());
        assertEquals(List.of(), held.offer(HubLists.MANIFEST, HubLists.manifest(v6)));
    }

    @Test
    void anEmptyPayloadIsNeverAPart() {
        HubLists.Version v = HubLists.split("residents", 7, HubLists.residents(2));
        assertEquals(List.of(), assembler.offer(v.topic(1), new byte[0]));
        assertEquals(List.of(), assembler.offer(v.topic(2), new byte[0]));
        assertEquals(List.of(), assembler.offer(HubLists.MANIFEST, new byte[0]));

        assertEquals(List.of(), offerAll(v));

        assertEquals(7, onlyComplete(offerManifest(v)).version());
    }

    @Test
    void aPartWhoseBodyDisagreesWithItsTopicIsMalformed() {
        HubLists.Version v = HubLists.split("residents", 7, HubLists.residents(2));

        assertInstanceOf(
                ListAssembler.Malformed.class,
                assembler
                        .offer(HubLists.ROOT + "badges/1", v.parts().getFirst())
                        .getFirst());
        assertInstanceOf(
                ListAssembler.Malformed.class,
                assembler.offer(v.topic(2), v.parts().getFirst()).getFirst());
        assertInstanceOf(
                ListAssembler.Malformed.class,
                assembler
                        .offer(HubLists.ROOT + "visitors/1", v.parts().getFirst())
                        .getFirst());
        assertInstanceOf(
                ListAssembler.Malformed.class,
                assembler
                        .offer(v.topic(1), "{\"v\":2}".getBytes(StandardCharsets.UTF_8))
                        .getFirst());
        assertInstanceOf(
                ListAssembler.Malformed.class,
                assembler
                        .offer(v.topic(1), "not json".getBytes(StandardCharsets.UTF_8))
                        .getFirst());
        assertInstanceOf(
                ListAssembler.Malformed.class,
                assembler
                        .offer(
                                HubLists.MANIFEST,
                                "{\"v\":1,\"lists\":{\"residents\":{\"version\":1}}}".getBytes(StandardCharsets.UTF_8))
                        .getFirst());
    }

    @Test
    void aPartCountThatDiffersFromTheManifestIsRejected() {
        HubLists.Version two = HubLists.split("residents", 7, Instant.EPOCH, HubLists.residents(100), 8 * 1024);
        HubLists.Version one = HubLists.split("residents", 7, Instant.EPOCH, HubLists.residents(1), 8 * 1024);
        assertEquals(List.of(), offerManifest(two));

        ListAssembler.Rejected r = assertInstanceOf(
                ListAssembler.Rejected.class,
                assembler.offer(one.topic(1), one.parts().getFirst()).getFirst());

        assertEquals("parts-differ-from-manifest", r.reason());
    }
}
