package org.gatepost.agent.store;

import java.nio.file.Path;
import java.time.Clock;
import org.gatepost.agent.testing.SampleDrafts;

/**
 * Child process for {@link SqliteEntryStoreKillTest}: appends forever and prints {@code committed <seq>}
 * after each append returned, until it is killed. Arguments: database file, gate id.
 */
public final class AppendUntilKilled {
    private AppendUntilKilled() {}

    public static void main(String[] args) throws Exception {
        SqliteEntryStore store = SqliteEntryStore.open(Path.of(args[0]), args[1], Clock.systemUTC());
        for (int i = 0; ; i++) {
            long seq = store.append(SampleDrafts.admit(i)).seq();
            System.out.println("committed " + seq);
            System.out.flush();
        }
    }
}
