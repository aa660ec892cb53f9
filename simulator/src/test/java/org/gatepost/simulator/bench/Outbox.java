package org.gatepost.simulator.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.testing.SampleDrafts;

/** Fills and reads a gate's outbox file directly, through the agent's own store. */
final class Outbox {
    private static final int CHUNK = 10_000;

    private Outbox() {}

    /**
     * Creates the gate's store at {@code file} and commits {@code entries} admitted entries (the way they would
     * have piled up while the broker was unreachable), {@value #CHUNK} per transaction.
     */
    static void fill(Path file, String gateId, int entries) throws StoreException {
        try (SqliteEntryStore store = SqliteEntryStore.open(file, gateId, Clock.systemUTC())) {
            for (int done = 0; done < entries; ) {
                int n = Math.min(CHUNK, entries - done);
                List<EntryDraft> drafts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    drafts.add(SampleDrafts.admit(done + i));
                }
                store.appendAll(drafts);
                done += n;
            }
        }
    }

    /** Every payload in the outbox, in seq order: what the gate publishes. */
    static List<byte[]> payloads(Path file) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement s = c.prepareStatement("SELECT payload FROM outbox ORDER BY seq");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getBytes(1));
            }
        }
        return out;
    }

    /** The highest committed seq in the outbox file. */
    static long lastSeq(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM outbox");
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
