package org.gatepost.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The purge's step for {@code entries}: each entry is kept, with what names a person removed. Columns
 * {@code credential_hash}, {@code credential_masked} and {@code household} become null; in the stored payload and
 * rule fields, {@code credential} keeps only its {@code kind}, {@code person.household} becomes null,
 * {@code duty} empty, and {@code visitor}, {@code override} and {@code pass} (a visitor's name and phone, a
 * volunteer's badge hash, a visitor pass's id and host household) null. Gate, times, decision, temperatures, admitted, direction, reader, role, quarantined flag, mask,
 * list versions, retest and quota stay: the anonymous counts. Reads in key order, a batch at a time.
 */
final class EntryScrub implements PersonalData.Step {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 500;

    @Override
    public String kind() {
        return "entries";
    }

    @Override
    public long run(Connection c, Optional<String> gate, Instant now) throws SQLException {
        long changed = 0;
        String lastGate = "";
        String lastEpoch = "";
        long lastSeq = -1;
        String where = gate.isPresent() ? "gate = ? AND " : "";
        try (PreparedStatement read = c.prepareStatement("SELECT gate, epoch, seq, payload, rules, credential_hash,"
                        + " credential_masked, household FROM entries WHERE " + where + "(gate, epoch, seq) > (?, ?, ?)"
                        + " ORDER BY gate, epoch, seq LIMIT " + BATCH);
                PreparedStatement write = c.prepareStatement("UPDATE entries SET credential_hash = NULL,"
                        + " credential_masked = NULL, household = NULL, payload = ?, rules = ?"
                        + " WHERE gate = ? AND epoch = ? AND seq = ?")) {
            while (true) {
                int i = 0;
                if (gate.isPresent()) {
                    read.setString(++i, gate.get());
                }
                read.setString(++i, lastGate);
                read.setString(++i, lastEpoch);
                read.setLong(++i, lastSeq);
                List<String[]> rows = new ArrayList<>();
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {
                            rs.getString(1),
                            rs.getString(2),
                            Long.toString(rs.getLong(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8)
                        });
                    }
                }
                for (String[] r : rows) {
                    String payload = scrub(r[3]);
                    String rules = r[4] == null ? null : scrub(r[4]);
                    boolean personal = r[5] != null
                            || r[6] != null
                            || r[7] != null
                            || !payload.equals(r[3])
                            || rules != null && !rules.equals(r[4]);
                    if (personal) {
                        write.setString(1, payload);
                        write.setString(2, rules);
                        write.setString(3, r[0]);
                        write.setString(4, r[1]);
                        write.setLong(5, Long.parseLong(r[2]));
                        write.executeUpdate();
                        changed++;
                    }
                }
                if (rows.size() < BATCH) {
                    return changed;
                }
                String[] last = rows.getLast();
                lastGate = last[0];
                lastEpoch = last[1];
                lastSeq = Long.parseLong(last[2]);
            }
        }
    }

    /** The JSON text of an entry or of its rule fields with the personal fields removed; the same text if none. */
    static String scrub(String json) throws SQLException {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored entry JSON unreadable: " + e.getOriginalMessage(), e);
        }
        if (!(n instanceof ObjectNode o)) {
            return json;
        }
        boolean changed = false;
        if (o.get("credential") instanceof ObjectNode cr && (cr.has("hash") || cr.has("masked") || cr.size() > 1)) {
            JsonNode kind = cr.get("kind");
            cr.removeAll();
            if (kind != null) {
                cr.set("kind", kind);
            }
            changed = true;
        }
        if (o.get("person") instanceof ObjectNode p && p.hasNonNull("household")) {
            p.putNull("household");
            changed = true;
        }
        if (o.get("duty") != null && o.get("duty").isArray() && !o.get("duty").isEmpty()) {
            o.putArray("duty");
            changed = true;
        }
        for (String f : List.of("visitor", "override", "pass")) {
            if (o.hasNonNull(f)) {
                o.putNull(f);
                changed = true;
            }
        }
        return changed ? o.toString() : json;
    }
}
