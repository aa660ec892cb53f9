package org.gatepost.agent.device.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdNumbersTest {

    @Test
    void acceptsTheWidelyUsedSampleNumbers() {
        assertTrue(IdNumbers.checkDigitValid("11010519491231002X")); // check character X (sum mod 11 = 2)
        assertTrue(IdNumbers.checkDigitValid("440524188001010014"));
    }

    @Test
    void computesTheCheckCharacterByIso7064Mod112() {
        // 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 mod 11 = 2 -> 'X'
        assertEquals('X', IdNumbers.checkCharacter("11010519491231002"));
        assertEquals('4', IdNumbers.checkCharacter("44052418800101001"));
    }

    @Test
    void rejectsACorruptedNumber() {
        assertFalse(IdNumbers.checkDigitValid("110105194912310029")); // wrong check character
        assertFalse(IdNumbers.checkDigitValid("11010519491231003X")); // a digit changed
        assertFalse(IdNumbers.checkDigitValid("440524188001010041")); // two digits swapped
    }

    @Test
    void acceptsLowerCaseXButNoOtherShape() {
        assertTrue(IdNumbers.checkDigitValid("11010519491231002x"));
        assertFalse(IdNumbers.checkDigitValid(null));
        assertFalse(IdNumbers.checkDigitValid("1101051949123100"));
        assertFalse(IdNumbers.checkDigitValid("11010519491231002X0"));
        assertFalse(IdNumbers.checkDigitValid("1101051949123100AX"));
        assertFalse(IdNumbers.checkDigitValid("１１010519491231002X")); // full-width digits
    }

    @Test
    void checkCharacterRefusesNonDigitsWithoutEchoingThem() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> IdNumbers.checkCharacter("1101051949123100A"));
        assertFalse(e.getMessage().contains("1101051949123100"));
    }

    @Test
    void masksAllButTheFirstSixAndLastFour() {
        assertEquals("110105********002X", IdNumbers.mask("11010519491231002X"));
        assertEquals("440524********0014", IdNumbers.mask("440524188001010014"));
        assertEquals("123456*7890", IdNumbers.mask("12345607890"));
        assertEquals("**********", IdNumbers.mask("1234567890"));
        assertEquals("", IdNumbers.mask(""));
    }
}
