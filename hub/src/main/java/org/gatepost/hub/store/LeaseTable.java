package org.gatepost.hub.store;

import java.time.Duration;

/**
 * The {@code leases} table on PostgreSQL: each call is one autocommitted statement timed by the database's
 * clock ({@code now()}), never the instances' clocks. Blocking; thread safe.
 */
public interface LeaseTable {
    /**
     * Takes the lease {@code name} for {@code holder} until the database's {@code now() + ttl} when it is free,
     * expired or already {@code holder}'s (a renewal); returns the holder after the call ({@code holder} itself
     * when taken or renewed, else the other instance that holds it).
     */
    String claim(String name, String holder, Duration ttl) throws StoreException;

    /** Gives the lease up if {@code holder} holds it, so another instance can take it at once. */
    void release(String name, String holder) throws StoreException;
}
