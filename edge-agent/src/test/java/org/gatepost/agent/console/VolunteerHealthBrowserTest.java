package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gatepost.agent.config.ConsoleConfig;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.HealthColour;
import org.gatepost.agent.entry.HealthStatus;
import org.gatepost.agent.health.VolunteerHealthProvider;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console page's health check panel in headless Chromium against a real {@link ConsoleServer} and the real
 * volunteer provider: the waiting check appears with its masked number and three bilingual buttons; pressing one
 * answers the check; the panel hides again when nothing waits.
 */
class VolunteerHealthBrowserTest {
    private static final String PIN = "5831";
    private final VolunteerHealthProvider provider = new VolunteerHealthProvider(Clock.systemUTC());

    @AutoClose // the browser quits and the server stops after the tests
    private ConsoleInChromium console;

    private ConsolePage page;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        console = ConsoleInChromium.open(
                ConsoleServer.start(
                        new ConsoleConfig(true, "127.0.0.1", 0, Optional.of(PIN), Duration.ofHours(1)),
                        new FakeDesk(),
                        Scans.status(),
                        Clock.systemUTC(),
                        provider),
                dir);
        page = console.page;
    }

    @Test
    void theVolunteerPressesRedAndTheCheckIsAnswered() throws Exception {
        page.open(PIN);
        assertTrue(!page.shown("health-checks"), "no panel while nothing waits");
        CompletableFuture<HealthStatus> check =
                provider.check(new Credential(Credential.KIND_ID_CARD, "a".repeat(64), "110105************"));
        page.waitUntil(d -> page.shown("health-checks"));
        String panel = page.text("health-checks");
        assertTrue(panel.contains("110105************"), panel);
        assertTrue(
                panel.contains("绿码")
                        && panel.contains("Green")
                        && panel.contains("黄码")
                        && panel.contains("Yellow")
                        && panel.contains("红码")
                        && panel.contains("Red"),
                panel);

        page.find("#health-waiting button[data-colour=red]").click();

        HealthStatus s = check.get(5, TimeUnit.SECONDS);
        assertEquals(HealthColour.RED, s.colour());
        assertEquals("volunteer", s.source());
        page.waitUntil(d -> !page.shown("health-checks"));
    }
}
