package org.gatepost.agent.device.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CardReadTest {
    private static final Instant AT = Instant.parse("2024-06-11T08:00:00Z");

    @Test
    void keepsWhatADecisionNeedsFromAValidCard() throws SamProtocolException {
        CardRead r = CardRead.from(SamCodecTest.workedFields(), AT);
        assertEquals("11010519491231002X", r.idNumber());
        assertEquals("张三", r.name());
        assertEquals(CardRead.Gender.FEMALE, r.gender());
        assertEquals(LocalDate.of(1949, 12, 31), r.birth());
        assertNull(r.validUntil());
        assertTrue(r.longTerm());
        assertFalse(r.expiredOn(LocalDate.of(2100, 1, 1)));
        assertEquals(AT, r.at());
        assertEquals("110105********002X", r.masked());
    }

    @Test
    void upperCasesALowerCaseCheckCharacter() throws SamProtocolException {
        assertEquals(
                "11010519491231002X",
                CardRead.from(SamCodecTest.workedFields().withIdNumber("11010519491231002x"), AT)
                        .idNumber());
    }

    @Test
    void knowsWhenADatedCardHasExpired() throws SamProtocolException {
        IdCardText.Fields f = new IdCardText.Fields(
                "王五", "1", "01", "19800101", "", "440524188001010014", "", "20100101", "20200101");
        CardRead r = CardRead.from(f, AT);
        assertEquals(CardRead.Gender.MALE, r.gender());
        assertTrue(r.expiredOn(LocalDate.of(2020, 1, 2)));
        assertFalse(r.expiredOn(LocalDate.of(2020, 1, 1)));
    }

    @Test
    void rejectsAWrongCheckDigitWithAReasonThatHoldsNoNumber() {
        SamProtocolException e = assertThrows(
                SamProtocolException.class,
                () -> CardRead.from(SamCodecTest.workedFields().withIdNumber("110105194912310029"), AT));
        assertEquals("bad-check-digit", e.reason());
        assertEquals("bad-check-digit", e.getMessage());
    }

    @Test
    void rejectsMalformedNumbersAndDates() {
        IdCardText.Fields ok = SamCodecTest.workedFields();
        assertEquals("bad-id-format", reason(ok.withIdNumber("1101051949123100")));
        assertEquals(
                "bad-birth-date",
                reason(new IdCardText.Fields(
                        "张三", "2", "01", "19490231", "", "11010519491231002X", "", "20150101", "长期")));
        assertEquals(
                "bad-valid-until",
                reason(new IdCardText.Fields(
                        "张三", "2", "01", "19491231", "", "11010519491231002X", "", "20150101", "永久")));
    }

    @Test
    void toStringMasksTheNumberAndTheName() throws SamProtocolException {
        String s = CardRead.from(SamCodecTest.workedFields(), AT).toString();
        assertFalse(s.contains("11010519491231002X"));
        assertFalse(s.contains("张三"));
        assertEquals(
                "CardRead[idNumber=110105********002X, name=张*, gender=FEMALE, birth=1949, validUntil=long-term,"
                        + " at=2024-06-11T08:00:00Z]",
                s);
    }

    private static String reason(IdCardText.Fields f) {
        return assertThrows(SamProtocolException.class, () -> CardRead.from(f, AT))
                .reason();
    }
}
