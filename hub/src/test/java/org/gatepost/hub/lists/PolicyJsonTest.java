package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

class PolicyJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode example() {
        return (ObjectNode)
                Contract.json("lists-policy.json").get("items").get(0).deepCopy();
    }

    @Test
    void readsAndWritesTheContractExampleUnchanged() throws Exception {
        Policy p = PolicyJson.read(example());
        assertEquals(37.3, p.thresholdC());
        assertEquals(
                Optional.of(new Policy.ExitQuota("household", 1, "day", List.of("06:00-09:00", "17:00-19:00"))),
                p.exitQuota());
        assertEquals(example(), PolicyJson.write(p));
    }

    @Test
    void writesNoQuotaAsNull() throws Exception {
        ObjectNode n = PolicyJson.write(Policy.DEFAULT);
        assertEquals(true, n.get("exit_quota").isNull());
        assertEquals(Policy.DEFAULT, PolicyJson.read(n));
    }

    @Test
    void namesTheFieldOfEveryBrokenRule() {
        assertField("threshold_c", n -> n.put("threshold_c", 34.9));
        assertField("threshold_c", n -> n.put("threshold_c", "37.3"));
        assertField("enforcement", n -> n.put("enforcement", "strict"));
        assertField("measure_only", n -> n.put("measure_only", "no"));
        assertField("mask", n -> n.put("mask", "optional"));
        assertField("retest_rest_s", n -> n.put("retest_rest_s", 3601));
        assertField("duplicate_window_s", n -> n.put("duplicate_window_s", 1.5));
        assertField("exit_quota", n -> n.remove("exit_quota"));
        assertField("exit_quota.per", n -> quota(n).put("per", "flat"));
        assertField("exit_quota.count", n -> quota(n).put("count", 0));
        assertField("exit_quota.period", n -> quota(n).put("period", "month"));
        assertField(
                "exit_quota.windows[1]",
                n -> quota(n).putArray("windows").add("06:00-09:00").add("19:00-17:00"));
        assertField("exit_quota.windows[0]", n -> quota(n).putArray("windows").add("6-9"));
        assertField("colour", n -> n.put("colour", "red"));
    }

    @Test
    void refusesADuplicateWindowLongerThanTheRestNamingBothFields() throws Exception {
        ObjectNode n = example();
        n.put("retest_rest_s", 300);
        n.put("duplicate_window_s", 600);
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyJson.read(n));
        assertEquals("duplicate_window_s", e.field());
        assertTrue(e.getMessage().contains("retest_rest_s (300)"), e.getMessage());
        n.put("duplicate_window_s", 300);
        assertEquals(300, PolicyJson.read(n).duplicateWindowS());
        n.put("retest_rest_s", 0);
        n.put("duplicate_window_s", 600);
        assertEquals(600, PolicyJson.read(n).duplicateWindowS(), "without a re-measure any window is consistent");
    }

    private static ObjectNode quota(ObjectNode n) {
        return (ObjectNode) n.get("exit_quota");
    }

    private static void assertField(String field, Consumer<ObjectNode> breakIt) {
        ObjectNode n = example();
        breakIt.accept(n);
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyJson.read(n), field);
        assertEquals(field, e.field(), e.getMessage());
    }
}
