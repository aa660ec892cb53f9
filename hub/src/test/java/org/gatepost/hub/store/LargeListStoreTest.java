package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.hub.lists.ResidentImport;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The storage half of the largest documented residents import ({@link ResidentImport#MAX_ROWS} rows of about 160
 * bytes, 32 MB) on both stores: streamed in, read back whole and in order, searched, then replaced by a short list
 * that leaves none of it behind. The whole import through a hub process under the shipped heap, which costs mostly
 * the same Argon2id hashing on either store, is {@code LargeImportUnderShippedHeapTest} (SQLite). Prints the times.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class LargeListStoreTest {
    private static final int ROWS = ResidentImport.MAX_ROWS;
    private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");

    @Parameter
    Backend backend;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private Storage storage;
    private ListStore lists;

    @BeforeEach
    void open() throws Exception {
        storage = databases.open(backend);
        lists = storage.lists();
        lists.ensure("residents", List.of(), List.of(), AT);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void theLargestDocumentedListIsStreamedInReadBackInOrderAndReplacedWithoutLeftovers() throws Exception {
        long started = System.nanoTime();
        ListVersion v = lists.replace(
                "residents",
                sink -> {
                    for (int i = 0; i < ROWS; i++) {
                        sink.add(item(i), "居民r" + i + " 110101********" + String.format("%04d", i % 10_000));
                    }
                },
                AT,
                AuditRecord.of(AT, "admin", "list-import", "residents", null, null));
        long writeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(ROWS, v.items());

        started = System.nanoTime();
        AtomicLong read = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        Optional<ListVersion> current = lists.forEachItem("residents", bytes -> {
            if (!new String(bytes, StandardCharsets.UTF_8).equals(item((int) read.get()))) {
                outOfOrder.incrementAndGet();
            }
            read.incrementAndGet();
        });
        long readMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(v.version(), current.orElseThrow().version());
        assertEquals(ROWS, read.get(), "every item read back");
        assertEquals(0, outOfOrder.get(), "in list order, byte for byte");
        assertEquals(List.of(item(199_999)), lists.search("residents", Optional.of("居民r199999"), 5));

        ListVersion shorter = lists.replace(
                "residents",
                List.of(item(1), item(2), item(3)),
                List.of("a", "b", "c"),
                AT.plusSeconds(60),
                AuditRecord.of(AT, "admin", "list-import", "residents", null, null));
        AtomicLong after = new AtomicLong();
        lists.forEachItem("residents", bytes -> after.incrementAndGet());
        assertEquals(3, after.get(), "the long version left nothing behind");
        assertEquals(v.version() + 1, shorter.version());
        assertEquals(List.of(), lists.search("residents", Optional.of("居民r199999"), 5));
        System.out.printf(
                "large list store: store=%s rows=%d write=%d ms read=%d ms%n", backend, ROWS, writeMs, readMs);
    }

    /** A resident item of about 160 bytes, like a row of the largest documented file. */
    private static String item(int i) {
        return "{\"name\":\"居民r" + i + "\",\"hash\":\"v2:" + String.format("%064x", (long) i * 2654435761L)
                + "\",\"household\":\"" + (i / 500 + 1) + "-" + (i % 6 + 1) + "-" + (i % 500 + 101) + "\"}";
    }
}
