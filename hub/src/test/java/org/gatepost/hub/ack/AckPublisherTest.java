package org.gatepost.hub.ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AckPublisherTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EPOCH = "aaaaaaaaaaaaaaaa";

    /** Records what would go to the broker; fails the first {@code failures} publishes. */
    private static final class RecordingPublisher implements RetainedPublisher {
        record Published(String topic, String epoch, long upTo) {}

        final List<Published> published = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void publishRetained(String topic, byte[] payload) throws IOException {
            attempts.incrementAndGet();
            if (failures.getAndDecrement() > 0) {
                throw new IOException("not connected");
            }
            JsonNode n = MAPPER.readTree(payload);
            assertEquals(1, n.get("v").intValue());
            published.add(new Published(
                    topic, n.get("epoch").textValue(), n.get("upTo").longValue()));
        }

        Published last() {
            return published.isEmpty() ? null : published.get(published.size() - 1);
        }
    }

    private final RecordingPublisher sink = new RecordingPublisher();
    private AckPublisher acks;

    private AckPublisher start(Duration interval) {
        acks = new AckPublisher(sink, interval, Duration.ofMillis(20));
        return acks;
    }

    @AfterEach
    void stop() {
        if (acks != null) {
            acks.close();
        }
    }

    @Test
    void coalescesABurstIntoFewPublishesEndingWithTheLatest() throws Exception {
        start(Duration.ofMillis(200));

        for (long upTo = 1; upTo <= 200; upTo++) {
            acks.committed("g1", EPOCH, upTo);
        }

        Await.until(
                "latest ack published", () -> sink.last() != null && sink.last().upTo() == 200);
        assertTrue(sink.published.size() <= 3, "published " + sink.published);
        assertEquals("gatepost/v1/gates/g1/ack", sink.last().topic());
    }

    @Test
    void acknowledgesAGateFarAheadOfItsLastAckAtOnceAndKeepsCoalescingTheRest() throws Exception {
        acks = new AckPublisher(sink, Duration.ofHours(1), Duration.ofMillis(20), 100);
        acks.committed("g1", EPOCH, 1);
        Await.until("first ack", () -> sink.published.size() == 1);

        acks.committed("g1", EPOCH, 50);
        acks.committed("g1", EPOCH, 101);
        Await.until(
                "the ack 100 beyond the last one, long before the interval",
                () -> sink.last().upTo() == 101);
        acks.committed("g1", EPOCH, 150);

        assertEquals(
                List.of(1L, 101L),
                sink.published.stream().map(RecordingPublisher.Published::upTo).toList());
        acks.close();
        assertEquals(150, sink.last().upTo(), "the rest waits for the interval (here: the final flush)");
    }

    @Test
    void neverPublishesALowerUpToForTheSameEpoch() throws Exception {
        start(Duration.ofMillis(10));
        acks.committed("g1", EPOCH, 5);
        Await.until("5 published", () -> sink.last() != null && sink.last().upTo() == 5);

        acks.committed("g1", EPOCH, 3);
        acks.committed("g1", EPOCH, 7);

        Await.until("7 published", () -> sink.last().upTo() == 7);
        assertEquals(
                List.of(5L, 7L),
                sink.published.stream().map(RecordingPublisher.Published::upTo).toList());
    }

    @Test
    void publishesTheSameUpToAgainWhenItIsCommittedAgain() throws Exception {
        start(Duration.ofMillis(10));
        acks.committed("g1", EPOCH, 5);
        Await.until("first publish", () -> sink.published.size() == 1);

        acks.committed("g1", EPOCH, 5);

        Await.until("second publish of the same value", () -> sink.published.size() == 2);
    }

    @Test
    void publishesANewEpochEvenWithALowerUpTo() throws Exception {
        start(Duration.ofMillis(10));
        acks.committed("g1", EPOCH, 40);
        Await.until("old epoch published", () -> sink.published.size() == 1);

        acks.committed("g1", "bbbbbbbbbbbbbbbb", 1);

        Await.until("new epoch published", () -> sink.published.size() == 2);
        assertEquals(new RecordingPublisher.Published("gatepost/v1/gates/g1/ack", "bbbbbbbbbbbbbbbb", 1), sink.last());
    }

    @Test
    void retriesAFailedPublishWithTheLatestValue() throws Exception {
        start(Duration.ofMillis(10));
        sink.failures.set(2);

        acks.committed("g1", EPOCH, 9);

        Await.until(
                "published after two failures",
                () -> sink.last() != null && sink.last().upTo() == 9);
        assertEquals(3, sink.attempts.get());
    }

    @Test
    void publishesNothingBeforeSeqOneIsCommitted() throws Exception {
        start(Duration.ofMillis(10));

        acks.committed("g1", EPOCH, 0);
        acks.committed("g2", EPOCH, 1);

        Await.until("g2 published", () -> sink.published.size() == 1);
        assertEquals("gatepost/v1/gates/g2/ack", sink.last().topic());
    }

    @Test
    void publishesWhatIsPendingWhenClosed() {
        start(Duration.ofSeconds(30));
        acks.committed("g1", EPOCH, 1);
        acks.committed("g1", EPOCH, 2);

        acks.close();

        assertEquals(2, sink.last().upTo());
    }

    @Test
    void publishesNothingWhileTheAcksLeaseIsNotHeld() throws Exception {
        AtomicBoolean held = new AtomicBoolean(false);
        AtomicInteger asked = new AtomicInteger();
        acks = new AckPublisher(
                sink, Duration.ofMillis(10), Duration.ofMillis(20), AckPublisher.DEFAULT_EAGER_STEP, () -> {
                    asked.incrementAndGet();
                    return held.get();
                });
        acks.committed("g1", EPOCH, 5);
        acks.committed("g2", EPOCH, 9);
        Await.until("both values taken", () -> asked.get() == 2);
        held.set(true);
        acks.committed("g1", EPOCH, 6);
        Await.until("the ack taken while held", () -> sink.last() != null);
        acks.close();
        assertEquals(
                List.of(new RecordingPublisher.Published(Topics.ack("g1"), EPOCH, 6)),
                sink.published,
                "the values taken while the lease was not held were dropped");
    }
}
