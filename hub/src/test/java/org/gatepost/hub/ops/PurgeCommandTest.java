package org.gatepost.hub.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.gatepost.hub.Hub;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code purge} in a JVM of its own ({@link HubCli}) on a stopped hub on each backend, then seen by the started hub. */
class PurgeCommandTest extends OnEachBackend {
    @TempDir
    Path dir;

    @Test
    void purgesAStoppedHubOnlyWhenConfirmedAndTheStartedHubShowsIt() throws Exception {
        Path config = HubCli.configFile(dir, databases.hubKeys(backend), Map.of());
        HubConfig cfg = HubConfigParser.load(config);
        try (Hub hub = Hub.start(cfg, Clock.systemUTC())) {
            ObjectNode badge = JsonNodeFactory.instance
                    .objectNode()
                    .put("hash", "5928f9e5e4afaef078f772d3bd93bc75845ad4d901be275dbd42828c11267e24")
                    .put("masked", "110105********0016")
                    .put("name", "王芳")
                    .put("role", "volunteer");
            hub.lists().replaceItems(ListKind.BADGES, List.of(badge), "admin", "127.0.0.1");

            HubCli.Result running = HubCli.run(dir, "purge", "--config", config.toString(), "--confirm", "PURGE");

            assertEquals(1, running.exit(), running.toString());
            assertTrue(running.err().startsWith("gatepost-hub purge: "), running.toString());
            assertEquals(
                    1,
                    ApiSession.admin(hub.httpPort())
                            .getJson("/api/lists/badges")
                            .get("badges")
                            .size());
        }
        HubCli.Result unconfirmed = HubCli.run(dir, "purge", "--config", config.toString(), "--confirm", "yes");
        assertEquals(2, unconfirmed.exit(), unconfirmed.toString());
        assertEquals("gatepost-hub purge: nothing deleted: confirm with --confirm PURGE\n", unconfirmed.err());

        HubCli.Result r = HubCli.run(dir, "purge", "--config", config.toString(), "--confirm", "PURGE");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Purge purge-"), r.toString());
        assertTrue(r.out().contains("list_items=1"), r.toString());
        try (Hub hub = Hub.start(cfg, Clock.systemUTC())) {
            ApiSession admin = ApiSession.admin(hub.httpPort());
            assertEquals(0, admin.getJson("/api/lists/badges").get("badges").size());
            JsonNode purge = admin.getJson("/api/purge").get("purge");
            assertEquals(PurgeCommand.ACTOR, purge.get("actor").asText());
            assertEquals(1, purge.get("deleted").get("list_items").asInt());
            JsonNode audit =
                    admin.getJson("/api/audit?action=purge").get("events").get(0);
            assertEquals(purge.get("id").asText(), audit.get("target").asText());
            assertEquals(PurgeCommand.ACTOR, audit.get("actor").asText());
        }
    }
}
