package org.gatepost.hub.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Alerts as operators see and handle them: filtered lists, acknowledgement and resolution with a note, and
 * each alert's history. An acknowledgement or resolution is one transaction with its audit record. Safe for
 * concurrent use; blocking (SQLite).
 */
public interface AlertActions {

    /** Newest first (by {@code raised_at}, then id); {@code limit} ≥ 1. */
    List<AlertView> alerts(AlertQuery query, int limit) throws StoreException;

    /** Oldest first by id, those with an id above {@code afterId}: one page of an export. */
    List<AlertView> alertsAfter(AlertQuery query, long afterId, int pageSize) throws StoreException;

    Optional<AlertView> alert(long id) throws StoreException;

    /** The actions on these alerts, oldest first. */
    List<AlertAction> actions(Collection<Long> alertIds) throws StoreException;

    /** Marks an open alert acknowledged by {@code actor}; a resolved or acknowledged one is left alone. */
    ActionOutcome acknowledge(long id, String actor, String note, Instant at, AuditRecord audit) throws StoreException;

    /** Marks an alert resolved (acknowledged or not); a resolved one is left alone. */
    ActionOutcome resolve(long id, String actor, String note, Instant at, AuditRecord audit) throws StoreException;
}
