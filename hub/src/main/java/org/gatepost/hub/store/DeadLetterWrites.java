package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Dead-letter insert, portable SQL; run inside the caller's transaction. */
final class DeadLetterWrites {
    private DeadLetterWrites() {}

    static void insert(Connection c, DeadLetter d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO dead_letters (topic, payload, payload_bytes, reason, received_at)
                VALUES (?, ?, ?, ?, ?)""")) {
            ps.setString(1, d.topic());
            ps.setString(2, d.payload());
            ps.setLong(3, d.payloadBytes());
            ps.setString(4, d.reason());
            ps.setString(5, Times.format(d.receivedAt()));
            ps.executeUpdate();
        }
    }
}
