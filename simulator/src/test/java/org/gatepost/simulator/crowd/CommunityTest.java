package org.gatepost.simulator.crowd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatepost.hub.lists.CredentialHasher;
import org.gatepost.hub.lists.ImportReport;
import org.gatepost.hub.lists.ResidentImport;
import org.junit.jupiter.api.Test;

class CommunityTest {
    private static List<String> ids(Community c) {
        return c.members().stream().map(m -> m.card().idNumber()).toList();
    }

    @Test
    void theSameSeedMakesTheSamePeopleAndAnotherSeedOthers() {
        Community a = Community.generate(2020, 40);
        Community b = Community.generate(2020, 40);

        assertEquals(ids(a), ids(b));
        assertEquals(a.volunteerTag(), b.volunteerTag());
        assertEquals(a.blockedHousehold(), b.blockedHousehold());
        assertNotEquals(ids(a), ids(Community.generate(2021, 40)));
    }

    @Test
    void mostMembersAreRegisteredAFewAreNotAndTheSpecialHouseholdsAreDistinctAndInhabited() {
        Community c = Community.generate(2020, 40);
        long registered =
                c.members().stream().filter(Community.Member::registered).count();

        assertTrue(
                registered >= c.members().size() * 0.85,
                registered + " of " + c.members().size());
        assertTrue(registered < c.members().size(), "some are unknown");
        Set<String> households =
                c.members().stream().map(Community.Member::household).collect(Collectors.toSet());
        assertEquals(40, households.size());
        assertNotEquals(c.quarantinedHousehold(), c.blockedHousehold());
        assertTrue(households.contains(c.quarantinedHousehold()));
        assertTrue(households.contains(c.blockedHousehold()));
    }

    @Test
    void theHubsResidentImportAcceptsEveryRowOfTheResidentsFile() throws Exception {
        Community c = Community.generate(7, 30);

        ImportReport report = new ResidentImport(new CredentialHasher("s"))
                .read(c.residentsCsv().getBytes(StandardCharsets.UTF_8), Optional.empty());

        assertEquals(List.of(), report.errors());
        assertEquals(
                c.members().stream().filter(Community.Member::registered).count(),
                report.items().size());
    }
}
