package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuarantineImportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final CredentialHasher hasher = new CredentialHasher(IdNumbersTest.EXAMPLE_SECRET);
    private final QuarantineImport quarantine = new QuarantineImport(hasher, CLOCK);

    @Test
    void readsHouseholdsAndPeopleWithDatesInTheHubsZone() throws Exception {
        String csv = """
                户,身份证号,姓名,隔离截止
                5-1-302,,,2026-12-05
                ,440524188001010014,李秀英,2026/12/2 18:30
                """;
        ImportReport r = quarantine.read(ImportFiles.gbk(csv), Optional.empty());

        assertEquals(List.of(), r.errors());
        assertEquals("5-1-302", r.items().get(0).get("household").textValue());
        assertEquals(
                "2026-12-05T16:00:00.000Z",
                r.items().get(0).get("until").textValue(),
                "a date alone ends at the next midnight, Beijing time");
        assertEquals(
                hasher.hash("440524188001010014"), r.items().get(1).get("hash").textValue());
        assertEquals("440524************", r.items().get(1).get("masked").textValue());
        assertEquals("2026-12-02T10:30:00.000Z", r.items().get(1).get("until").textValue());
        assertFalse(r.items().toString().contains("李秀英"), "quarantine items carry no name");
    }

    @Test
    void reportsPastEndsBadDatesBadNumbersDuplicatesAndEmptyRows() throws Exception {
        String csv = """
                household,id_number,until
                5-1-302,,2026-11-27
                6-1-101,,next week
                ,440524188001010015,2026-12-01
                7-1-101,,2026-12-01
                7-1-101,,2026-12-03
                ,,2026-12-01
                """;
        ImportReport r = quarantine.read(ImportFiles.utf8(csv), Optional.empty());

        assertEquals(1, r.items().size());
        assertEquals(
                List.of(2, 3, 4, 6, 7), r.errors().stream().map(RowError::row).toList());
        assertEquals("has already passed", r.errors().get(0).problem());
        assertEquals("until", r.errors().get(1).column());
        assertEquals("id_number", r.errors().get(2).column());
        assertEquals("already listed in row 5", r.errors().get(3).problem());
    }

    @Test
    void needsAnEndColumnAndAHouseholdOrIdColumn() throws Exception {
        ImportReport r = quarantine.read(ImportFiles.utf8("姓名\n张伟\n"), Optional.empty());
        assertEquals(
                List.of("household", "until"),
                r.errors().stream().map(RowError::column).toList());
        assertEquals(List.of(), r.items());
    }
}
