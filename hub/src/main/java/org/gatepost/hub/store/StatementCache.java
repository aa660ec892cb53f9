package org.gatepost.hub.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepared statements reused within one transaction. {@link #connection()} is the given connection, except that
 * {@code prepareStatement(sql)} hands back the statement prepared for the same SQL earlier in the transaction,
 * whose {@code close()} only clears its parameters; {@link #close()} closes them for real. The write code keeps
 * its plain try-with-resources. Why: SQLite compiles a statement in tens of microseconds and ingest prepares
 * several per entry, which at thousands of entries a second was the ingest thread's largest cost
 * (docs/performance.md, figure 4). A statement must not be prepared again while its result set is still open.
 * Not thread safe: one thread, like the connection.
 */
final class StatementCache implements AutoCloseable {
    private final Connection connection;
    private final Connection view;
    private final Map<String, PreparedStatement> reusable = new HashMap<>();
    private final List<PreparedStatement> prepared = new ArrayList<>();

    StatementCache(Connection connection) {
        this.connection = connection;
        this.view = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** The connection to run the transaction's statements on. */
    Connection connection() {
        return view;
    }

    /** Closes every statement prepared through {@link #connection()}; the connection stays open. */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : prepared) {
            try {
                ps.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        prepared.clear();
        reusable.clear();
        if (first != null) {
            throw first;
        }
    }

    private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return prepare((String) args[0]);
        }
        return invoke(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = reusable.get(sql);
        if (ps == null) {
            PreparedStatement real = connection.prepareStatement(sql);
            prepared.add(real);
            ps = (PreparedStatement) Proxy.newProxyInstance(
                    PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    (p, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            real.clearParameters();
                            return null;
                        }
                        return invoke(real, method, args);
                    });
            reusable.put(sql, ps);
        }
        return ps;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
