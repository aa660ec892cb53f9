package org.gatepost.agent.store;

import static org.gatepost.agent.testing.Seqs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILLs a process in the middle of appending and checks what the reopened store holds. */
class SqliteEntryStoreKillTest {
    private static final int APPENDS_BEFORE_KILL = 200;

    @TempDir
    Path dir;

    @Test
    void everyAppendThatReturnedSurvivesAKillAndTheSequenceContinuesWithoutGap() throws Exception {
        Path file = dir.resolve("gate.db");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "--enable-native-access=ALL-UNNAMED",
                        AppendUntilKilled.class.getName(),
                        file.toString(),
                        "north-gate")
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        long lastReported = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (lastReported < APPENDS_BEFORE_KILL && (line = out.readLine()) != null) {
                lastReported = Long.parseLong(line.substring("committed ".length()));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child did not die");
        }
        assertEquals(APPENDS_BEFORE_KILL, lastReported, "child stopped early, see " + dir.resolve("child.err"));

        try (SqliteEntryStore store = SqliteEntryStore.open(file, "north-gate", Clock.systemUTC())) {
            long last = store.lastSeq();
            assertTrue(last >= lastReported, "lost a returned append: last=" + last + " reported=" + lastReported);
            List<Long> seqs = store.unacked(0, Integer.MAX_VALUE).stream()
                    .map(StoredEntry::seq)
                    .toList();
            assertEquals(range(1, last), seqs);
            assertEquals(last + 1, store.append(SampleDrafts.admit(0)).seq());
        }
    }
}
