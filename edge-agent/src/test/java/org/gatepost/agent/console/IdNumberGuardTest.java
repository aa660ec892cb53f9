package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberGuardTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "11010519491231002X",
                "11010519491231002x",
                "身份证110105194912310021探亲",
                "110105 19491231 002X",
                "110105-1949-1231-002X"
            })
    void findsAnIdNumberWrittenAnyWayInsideText(String text) {
        assertTrue(IdNumberGuard.containsIdNumber(text));
    }

    @Test
    void leavesPhonesHouseholdsAndMaskedNumbersAlone() {
        assertFalse(IdNumberGuard.containsIdNumber("13812345678"));
        assertFalse(IdNumberGuard.containsIdNumber("+86 138 1234 5678"));
        assertFalse(IdNumberGuard.containsIdNumber("3-2-501"));
        assertFalse(IdNumberGuard.containsIdNumber("110105********002X"));
        assertFalse(IdNumberGuard.containsIdNumber("1234567890123456789"), "19 digits is not an ID number");
        assertFalse(IdNumberGuard.containsIdNumber(null));
    }
}
