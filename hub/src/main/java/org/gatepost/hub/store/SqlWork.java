package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Statements run on one of the {@link Database}'s connections, inside its lock (and transaction, for writes). */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
