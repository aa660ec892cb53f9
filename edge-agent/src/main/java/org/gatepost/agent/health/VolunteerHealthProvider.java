package org.gatepost.agent.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.gatepost.agent.config.HealthConfig;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.HealthColour;
import org.gatepost.agent.entry.HealthStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volunteer looks at the person's health code and presses its colour on the console. Each check waits in
 * {@link #waiting()} until answered or until its future is completed or cancelled by the checkpoint (it stopped
 * waiting); then it is gone. The answer completes the future on the console's HTTP thread. Thread safe.
 */
public final class VolunteerHealthProvider implements HealthStatusProvider, HealthDesk {
    private static final Logger LOG = LoggerFactory.getLogger(VolunteerHealthProvider.class);
    /** More waiting checks than this and the oldest is dropped (its decision records unknown at its deadline). */
    static final int MAX_WAITING = 20;

    private final Clock clock;
    private final Map<Long, Check> waiting = new LinkedHashMap<>();
    private long nextId = 1;

    private record Check(Waiting view, CompletableFuture<HealthStatus> future) {}

    public VolunteerHealthProvider(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletableFuture<HealthStatus> check(Credential credential) {
        CompletableFuture<HealthStatus> f = new CompletableFuture<>();
        long id;
        synchronized (this) {
            id = nextId++;
            if (waiting.size() >= MAX_WAITING) {
                waiting.remove(waiting.keySet().iterator().next());
            }
            waiting.put(id, new Check(new Waiting(id, credential.masked(), credential.kind(), clock.instant()), f));
        }
        f.whenComplete((s, e) -> forget(id));
        LOG.info("event=health-check-waiting id={} masked={}", id, credential.masked());
        return f;
    }

    private synchronized void forget(long id) {
        waiting.remove(id);
    }

    @Override
    public synchronized List<Waiting> waiting() {
        List<Waiting> out = new ArrayList<>();
        for (Check c : waiting.values()) {
            out.add(c.view());
        }
        return out;
    }

    @Override
    public boolean answer(long id, HealthColour colour) {
        if (colour == HealthColour.UNKNOWN) {
            throw new IllegalArgumentException("a volunteer answers green, yellow or red");
        }
        Check c;
        synchronized (this) {
            c = waiting.remove(id);
        }
        if (c == null) {
            return false;
        }
        boolean took = c.future().complete(new HealthStatus(colour, source(), clock.instant()));
        LOG.info("event=health-answered id={} colour={} taken={}", id, colour.wire(), took);
        return took;
    }

    @Override
    public String source() {
        return HealthConfig.VOLUNTEER_SOURCE;
    }
}
