package org.gatepost.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.5", "10.1.0.0/24", "::1"));

    @Test
    void aRequestFromAnAddressThatIsNoTrustedProxyIsThatAddressWhateverItsHeaderSays() {
        assertEquals("192.168.1.20", proxies.client("192.168.1.20", List.of("1.2.3.4")));
        assertEquals("10.0.0.6", proxies.client("10.0.0.6", List.of("1.2.3.4")));
        assertEquals("127.0.0.1", TrustedProxies.NONE.client("127.0.0.1", List.of("1.2.3.4")));
    }

    @Test
    void aTrustedProxyNamesTheClientInXForwardedFor() {
        assertEquals("1.2.3.4", proxies.client("10.0.0.5", List.of("1.2.3.4")));
        assertEquals("2001:db8:0:0:0:0:0:7", proxies.client("::1", List.of("2001:db8::7")));
    }

    @Test
    void theNearestAddressThatIsNoTrustedProxyIsTheClientSoAForgedLeftEntryIsPassedOver() {
        // The client sent "X-Forwarded-For: 6.6.6.6"; the proxies appended what they saw.
        assertEquals("1.2.3.4", proxies.client("10.0.0.5", List.of("6.6.6.6, 1.2.3.4, 10.1.0.9")));
        assertEquals("1.2.3.4", proxies.client("10.0.0.5", List.of("6.6.6.6", "1.2.3.4")));
    }

    @Test
    void anEntryThatIsNoAddressEndsTheWalkAtTheLastAddressATrustedProxyVouchedFor() {
        assertEquals("10.0.0.5", proxies.client("10.0.0.5", List.of("evil.example")));
        assertEquals("10.1.0.9", proxies.client("10.0.0.5", List.of("1.2.3.4, <script>, 10.1.0.9")));
        assertEquals("10.0.0.5", proxies.client("10.0.0.5", List.of("999.1.1.1")));
        assertEquals("10.0.0.5", proxies.client("10.0.0.5", List.of()));
    }

    @Test
    void onlyTheNearestSixteenHopsAreRead() {
        String hops = String.join(", ", Collections.nCopies(40, "10.1.0.1"));
        assertEquals("10.1.0.1", proxies.client("10.0.0.5", List.of("1.2.3.4, " + hops)));
    }

    @Test
    void parsesAddressesAndRangesAndRefusesNamesAndNonsenseNamingTheEntry() {
        assertTrue(proxies.trusts(TrustedProxies.literal("10.1.0.200").orElseThrow()));
        assertTrue(!proxies.trusts(TrustedProxies.literal("10.1.1.1").orElseThrow()));
        for (String bad : List.of("proxy.example", "10.0.0.0/x", "10.0.0.300", "", "10.0.0.1/99")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.1", bad)));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
