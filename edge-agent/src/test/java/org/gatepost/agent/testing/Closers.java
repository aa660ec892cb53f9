package org.gatepost.agent.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test opened, closed after it in reverse order: a field {@code @AutoClose final Closers closers = new
 * Closers();} and {@code closers.later(resource)} for each resource. Every resource is closed even when one fails;
 * the first failure is thrown with the later ones suppressed.
 */
public final class Closers implements AutoCloseable {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /** Closes {@code resource} after the test, before anything registered earlier; returns it. */
    public <T extends AutoCloseable> T later(T resource) {
        open.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
