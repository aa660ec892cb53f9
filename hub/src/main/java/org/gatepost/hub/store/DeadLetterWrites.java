package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Dead-letter insert, portable SQL; run inside the caller's transaction. */
final class DeadLetterWrites {
    private DeadLetterWrites() {
    }

    static void insert(Connection c, DeadLetter d) throws SQLException {
        long id = AlertWrites.nextId(c, "dead_letters");
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO dead_letters (id, topic, payload, payload_bytes, reason, received_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, id);
            ps.setString(2, d.topic());
            ps.setString(3, d.payload());
            ps.setLong(4, d.payloadBytes());
            ps.setString(5, d.reason());
            ps.setString(6, Times.format(d.receivedAt()));
            ps.executeUpdate();
        }
    }
}
