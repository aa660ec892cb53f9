package org.gatepost.hub.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the writer's outcomes and knows whether the disk is full: from the first write that fails with
 * {@code SQLITE_FULL} to the next write that commits. The alert about a full disk cannot be written to the full
 * store, so an ended episode is kept here until {@link SqliteHubStore} has recorded it ({@link #recorded}).
 * One log line per change: ERROR when the disk fills, INFO when writes resume. Thread safe.
 */
final class DiskFullWatch {
    private static final Logger log = LoggerFactory.getLogger(DiskFullWatch.class);
    /** SQLite's primary result code for "database or disk is full"; extended codes keep it in the low byte. */
    static final int SQLITE_FULL = 13;

    /** A full-disk period that is over: for the alert recorded once the store takes writes again. */
    record Episode(Instant since, Instant until, long writesRefused, String reason) {}

    private final Path file;
    private DiskFull current;
    private final List<Episode> unrecorded = new ArrayList<>();

    DiskFullWatch(Path file) {
        this.file = file;
    }

    /** True when {@code e} or one of its causes is SQLite reporting the disk (or database) full. */
    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() & 0xff) == SQLITE_FULL) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    synchronized Optional<DiskFull> current() {
        return Optional.ofNullable(current);
    }

    /** A write failed at {@code at}; only a full disk changes the state. */
    synchronized void failed(Throwable e, Instant at) {
        if (!isDiskFull(e)) {
            return;
        }
        String reason = String.valueOf(e.getMessage());
        if (current == null) {
            current = new DiskFull(at, 1, reason);
            log.error(
                    "event=store-disk-full writes=refused acks=none-until-space-returns path={} reason={}",
                    file,
                    reason);
        } else {
            current = new DiskFull(current.since(), current.writesRefused() + 1, reason);
        }
    }

    /** A write committed at {@code at}: a full-disk period, if any, is over. */
    synchronized void committed(Instant at) {
        if (current == null) {
            return;
        }
        Episode ended = new Episode(current.since(), at, current.writesRefused(), current.reason());
        current = null;
        unrecorded.add(ended);
        log.info(
                "event=store-writable-again path={} fullForMs={} writesRefused={}",
                file,
                at.toEpochMilli() - ended.since().toEpochMilli(),
                ended.writesRefused());
    }

    /** Ended periods not yet recorded as alerts, oldest first. */
    synchronized List<Episode> unrecorded() {
        return List.copyOf(unrecorded);
    }

    synchronized void recorded(List<Episode> episodes) {
        unrecorded.removeAll(episodes);
    }
}
