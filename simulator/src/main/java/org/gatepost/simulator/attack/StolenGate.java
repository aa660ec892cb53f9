package org.gatepost.simulator.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.agent.store.ListDatabase;
import org.gatepost.agent.store.StoreException;
import org.gatepost.hub.lists.CredentialHasher;
import org.gatepost.hub.lists.HashUpgrade;
import org.gatepost.hub.lists.ImportException;
import org.gatepost.hub.lists.ImportReport;
import org.gatepost.hub.lists.ListDocuments;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.lists.ResidentImport;
import org.gatepost.simulator.crowd.Community;

/**
 * A gate's database as a thief finds it, made with the real code: the community's residents file through the
 * hub's import ({@link ResidentImport}; under scheme v2 also {@link HashUpgrade}, as the hub does before it
 * publishes; under v1 with the masked form older hubs published, {@link CredentialHasher#maskV1}), cut into the parts the hub publishes ({@link ListDocuments}), stored by the agent's own
 * {@link ListDatabase} in a gate's SQLite file. Stateless.
 */
public final class StolenGate {
    private StolenGate() {}

    /**
     * Writes the residents list of {@code community} into the gate file {@code file} under scheme v1 (a hub and
     * gates before v2) or v2, and returns how many residents it holds.
     */
    public static int build(Path file, Community community, String secret, boolean v2, Instant now)
            throws ImportException, StoreException {
        ImportReport report = new ResidentImport(new CredentialHasher(secret))
                .read(community.residentsCsv().getBytes(StandardCharsets.UTF_8), Optional.empty());
        if (!report.errors().isEmpty()) {
            throw new IllegalStateException("the hub's import refused rows: " + report.errors());
        }
        List<ObjectNode> items = report.items();
        if (v2) {
            HashUpgrade.apply(items);
        } else {
            CredentialHasher hasher = new CredentialHasher(secret);
            Map<String, String> masks = new HashMap<>();
            for (Community.Member m : community.members()) {
                masks.put(
                        hasher.hash(m.card().idNumber()),
                        CredentialHasher.maskV1(m.card().idNumber()));
            }
            for (ObjectNode n : items) {
                n.put("masked", masks.get(n.get("hash").asText()));
            }
        }
        List<String> json = new ArrayList<>();
        for (ObjectNode n : items) {
            json.add(n.toString());
        }
        ListDocuments.Split split = ListDocuments.split(ListKind.RESIDENTS, 1, now, json);
        try (ListDatabase db = ListDatabase.open(file)) {
            db.save(new ListDatabase.Stored(ListKind.RESIDENTS.wire(), 1, now, split.sha256(), split.parts()), now);
        }
        return items.size();
    }
}
