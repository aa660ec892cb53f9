package org.gatepost.hub.store;

/**
 * The leases of one hub instance, handed out by {@link Storage#leases}. Register each lease with {@link #lease}
 * before {@link #start}. On SQLite there is one instance, which holds every lease from the start and is never told
 * of a change. On PostgreSQL see {@link LeaseKeeper}. {@link #close()} releases what this instance holds, so
 * another instance takes it over at its next try rather than at expiry. Thread safe.
 */
public interface Leases extends AutoCloseable {
    /** This instance's id, as written into the lease rows and the log ({@code holder=...}). */
    String instanceId();

    /** Registers the lease {@code name} (before {@link #start}); {@code listener} hears when it is taken or lost. */
    Lease lease(String name, LeaseListener listener);

    /** Tries every registered lease once (blocking), then keeps them in the background. */
    void start();

    @Override
    void close();

    /** Every lease always held, no listener ever called: the single instance on a SQLite file. */
    static Leases sole(String instanceId) {
        return new Leases() {
            @Override
            public String instanceId() {
                return instanceId;
            }

            @Override
            public Lease lease(String name, LeaseListener listener) {
                return new Lease() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public boolean held() {
                        return true;
                    }
                };
            }

            @Override
            public void start() {}

            @Override
            public void close() {}
        };
    }
}
