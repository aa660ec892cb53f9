package org.gatepost.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link PurgeStore} on the hub's {@link Database}, portable SQL. Thread safe. */
final class SqlPurgeStore implements PurgeStore {
    /** The audit action of a purge; target the purge id, detail the counts. */
    static final String AUDIT_ACTION = "purge";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Database db;

    SqlPurgeStore(Database db) {
        this.db = db;
    }

    @Override
    public Purge purge(String id, Instant at, String actor, String remote) throws StoreException {
        db.transact("purge personal data", c -> {
            Map<String, Long> deleted = new LinkedHashMap<>();
            for (PersonalData.Step s : PersonalData.STEPS) {
                deleted.merge(s.kind(), s.run(c, Optional.empty(), at), Long::sum);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO purges (id, requested_at, actor, deleted) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, Times.format(at));
                ps.setString(3, actor);
                ps.setString(4, json(deleted));
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO purge_gates (purge_id, gate) SELECT ?, gate FROM gates")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            StringBuilder detail = new StringBuilder();
            deleted.forEach((k, v) -> detail.append(detail.isEmpty() ? "" : " ")
                    .append(k)
                    .append('=')
                    .append(v));
            AuditWrites.insert(c, AuditRecord.of(at, actor, AUDIT_ACTION, id, detail.toString(), remote));
            return null;
        });
        compact();
        return byId(id).orElseThrow(() -> new StoreException("purge " + id + " not found after it was recorded"));
    }

    @Override
    public Optional<PurgeGate> confirm(
            String purgeId, String gate, Instant gatePurgedAt, Map<String, Long> deleted, Instant receivedAt)
            throws StoreException {
        long scrubbed = db.transact("confirm purge of " + gate, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM purges WHERE id = ?")) {
                ps.setString(1, purgeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return -1L;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO purge_gates (purge_id, gate, confirmed_at, gate_purged_at, deleted)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (purge_id, gate) DO UPDATE SET confirmed_at = excluded.confirmed_at,
                      gate_purged_at = excluded.gate_purged_at, deleted = excluded.deleted
                    WHERE purge_gates.confirmed_at IS NULL""")) {
                ps.setString(1, purgeId);
                ps.setString(2, gate);
                ps.setString(3, Times.format(receivedAt));
                ps.setString(4, Times.format(gatePurgedAt));
                ps.setString(5, json(deleted));
                ps.executeUpdate();
            }
            long changed = 0;
            for (PersonalData.Step s : PersonalData.STEPS) {
                changed += s.run(c, Optional.of(gate), receivedAt);
            }
            return changed;
        });
        if (scrubbed < 0) {
            return Optional.empty();
        }
        if (scrubbed > 0) {
            compact();
        }
        return byId(purgeId)
                .flatMap(p ->
                        p.gates().stream().filter(g -> g.gate().equals(gate)).findFirst());
    }

    @Override
    public Optional<Purge> latest() throws StoreException {
        Optional<String> id = db.query("read latest purge", c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT id FROM purges ORDER BY requested_at DESC, id DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
        return id.isEmpty() ? Optional.empty() : byId(id.get());
    }

    @Override
    public void compact() throws StoreException {
        db.compact(
                "compact after purge",
                List.of(
                        "entries",
                        "list_items",
                        "list_versions",
                        "dead_letters",
                        "alerts",
                        "alert_actions",
                        "audit_log",
                        "passes",
                        "pass_uses"));
    }

    private Optional<Purge> byId(String id) throws StoreException {
        return db.query("read purge " + id, c -> {
            Purge p;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT requested_at, actor, deleted FROM purges WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    p = new Purge(
                            id, Times.parse(rs.getString(1)), rs.getString(2), counts(rs.getString(3)), List.of());
                }
            }
            List<PurgeGate> gates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT gate, confirmed_at, gate_purged_at, deleted"
                    + " FROM purge_gates WHERE purge_id = ? ORDER BY gate")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        gates.add(new PurgeGate(
                                rs.getString(1),
                                Optional.ofNullable(Times.parse(rs.getString(2))),
                                Optional.ofNullable(Times.parse(rs.getString(3))),
                                counts(rs.getString(4))));
                    }
                }
            }
            return Optional.of(new Purge(p.id(), p.requestedAt(), p.actor(), p.deleted(), gates));
        });
    }

    static String json(Map<String, Long> counts) {
        ObjectNode n = MAPPER.createObjectNode();
        counts.forEach(n::put);
        return n.toString();
    }

    private static Map<String, Long> counts(String json) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        try {
            JsonNode n = MAPPER.readTree(json);
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored purge counts unreadable: " + e.getOriginalMessage(), e);
        }
        return out;
    }
}
