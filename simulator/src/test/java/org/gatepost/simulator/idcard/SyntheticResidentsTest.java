package org.gatepost.simulator.idcard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gatepost.agent.device.idcard.CardRead;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.agent.device.idcard.IdNumbers;
import org.junit.jupiter.api.Test;

class SyntheticResidentsTest {

    @Test
    void everyResidentHasAConsistentValidIdNumber() {
        SyntheticResidents residents = new SyntheticResidents(new SplittableRandom(1));
        for (int i = 0; i < 2000; i++) {
            IdCardText.Fields f = residents.next();
            String id = f.idNumber();
            assertTrue(IdNumbers.checkDigitValid(id), "check digit of resident " + i);
            assertEquals(f.birth(), id.substring(6, 14), "birth date in the number");
            assertEquals(f.gender().equals("1"), (id.charAt(16) - '0') % 2 == 1, "gender digit parity");
            assertTrue(f.validFrom().compareTo(f.birth()) > 0, "issued after birth");
            assertDoesNotThrow(() -> CardRead.from(f, Instant.EPOCH), "the driver accepts resident " + i);
            assertEquals(IdCardText.decode(IdCardText.encode(f), 0), f, "fits the text block");
        }
    }

    @Test
    void theSameSeedGivesTheSameResidentsAndAnotherSeedOthers() {
        assertEquals(ids(7), ids(7));
        assertNotEquals(ids(7), ids(8));
    }

    private static List<String> ids(long seed) {
        SyntheticResidents r = new SyntheticResidents(new SplittableRandom(seed));
        return IntStream.range(0, 20).mapToObj(i -> r.next().idNumber()).toList();
    }
}
