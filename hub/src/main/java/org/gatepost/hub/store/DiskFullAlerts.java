package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/** Writes an ended full-disk period as an alert, raised when the disk filled and resolved when writes resumed. */
final class DiskFullAlerts {
    private DiskFullAlerts() {}

    /** Idempotent: the dedupe key is the period's start. Runs inside the caller's transaction. */
    static void record(Connection c, DiskFullWatch.Episode e) throws SQLException {
        long seconds = Math.max(1, Duration.between(e.since(), e.until()).toSeconds());
        String dedupeKey = AlertKind.HUB_DISK_FULL.wire() + ":" + e.since().toEpochMilli();
        NewAlert alert = new NewAlert(
                AlertKind.HUB_DISK_FULL,
                Severity.HIGH,
                DiskFull.ALERT_GATE,
                null,
                "hub disk full for " + seconds + " s: " + e.writesRefused()
                        + " writes refused, nothing acknowledged meanwhile (the gates resent it)",
                dedupeKey);
        AlertWrites.raise(c, alert, e.since());
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE alerts SET resolved_at = ? WHERE dedupe_key = ? AND resolved_at IS NULL")) {
            ps.setString(1, Times.format(e.until()));
            ps.setString(2, dedupeKey);
            ps.executeUpdate();
        }
    }
}
