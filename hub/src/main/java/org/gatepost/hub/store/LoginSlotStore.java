package org.gatepost.hub.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The login throttle's slots, shared by every hub on the database: each admitted password check holds one slot of
 * its address and one of the typed name, under the attempt's id, until the window passes or the slot is given back.
 * Each write is one transaction, serialised with every other one on the database (by every hub), so two hubs cannot
 * both take the last slot of an address or a name. Safe for concurrent use; blocking.
 */
public interface LoginSlotStore {

    /** The answer of {@link #take}. */
    sealed interface Take {}

    /** Both slots are taken under the attempt's id. */
    record Taken() implements Take {}

    /** The address or the name already holds {@code max} slots in the window; one frees at {@code freesAt}. */
    record Full(Instant freesAt) implements Take {}

    /**
     * Drops every slot taken at or before {@code now - window}; then, unless {@code address} or {@code name} already
     * holds {@code max} slots, takes one of each under {@code attempt} (a new random id) at {@code now}. A subject
     * already full is answered from a read alone, without a write (a slot given back at that very moment may be
     * missed: one refusal too many, never a slot too many).
     */
    Take take(String attempt, String address, String name, Instant now, Duration window, int max) throws StoreException;

    /** The attempt's password matched: its address slot is given back and every slot of {@code name} is dropped. */
    void succeeded(String attempt, String name) throws StoreException;

    /** No password was checked after all: both slots of the attempt are given back. */
    void cancel(String attempt) throws StoreException;

    /** Slots held in total (expired ones not yet dropped included). */
    long count() throws StoreException;
}
