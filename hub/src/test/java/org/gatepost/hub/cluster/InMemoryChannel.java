package org.gatepost.hub.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.hub.store.NotifyChannel;
import org.gatepost.hub.store.StoreException;

/** A {@link NotifyChannel} in memory: every payload sent reaches every open listener; sends can be made to fail. */
final class InMemoryChannel implements NotifyChannel {
    final List<BlockingQueue<String>> listeners = new CopyOnWriteArrayList<>();
    final AtomicInteger failSends = new AtomicInteger();
    final AtomicInteger sendAttempts = new AtomicInteger();

    @Override
    public void send(List<String> payloads) throws StoreException {
        sendAttempts.incrementAndGet();
        if (failSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("database away");
        }
        for (BlockingQueue<String> l : listeners) {
            l.addAll(payloads);
        }
    }

    @Override
    public Listening listen() {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        listeners.add(q);
        return new Listening() {
            @Override
            public List<String> poll(Duration timeout) throws StoreException {
                List<String> out = new ArrayList<>();
                try {
                    String first = q.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    if (first != null) {
                        out.add(first);
                        q.drainTo(out);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted");
                }
                return out;
            }

            @Override
            public void check() {}

            @Override
            public void close() {
                listeners.remove(q);
            }
        };
    }
}
