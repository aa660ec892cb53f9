package org.gatepost.hub.store;

/**
 * Told when this instance takes or loses a lease, on the leases' own thread ({@code hub-leases}) after
 * {@link Lease#held()} has changed: must return quickly (hand slow work to another thread) and must not throw.
 */
public interface LeaseListener {
    LeaseListener NONE = new LeaseListener() {};

    /** This instance holds the lease now (first time, or again after losing it). */
    default void acquired() {}

    /** This instance no longer holds the lease (another took it, or renewals failed). */
    default void lost() {}
}
