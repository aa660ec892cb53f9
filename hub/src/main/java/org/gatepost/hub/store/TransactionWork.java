package org.gatepost.hub.store;

/** Work done inside one store transaction (see {@link HubStore#transaction}). */
@FunctionalInterface
public interface TransactionWork<T> {
    T run(HubTransaction tx) throws StoreException;
}
