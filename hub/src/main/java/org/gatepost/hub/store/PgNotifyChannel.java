package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** {@link NotifyChannel} through pgjdbc: {@code pg_notify} on the pool, {@code LISTEN} on its own connection. */
final class PgNotifyChannel implements NotifyChannel {
    static final String CHANNEL = "gatepost_cluster";
    private static final int CONNECT_TIMEOUT_S = 5;
    private static final int SOCKET_TIMEOUT_S = 30;

    private final Database db;
    private final StoreSettings settings;

    PgNotifyChannel(Database db, StoreSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    @Override
    public void send(List<String> payloads) throws StoreException {
        db.query("notify", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                ps.setQueryTimeout(SqlLeaseTable.STATEMENT_TIMEOUT_S);
                for (String p : payloads) {
                    ps.setString(1, p);
                    ps.executeQuery().close();
                }
            }
            return null;
        });
    }

    @Override
    public Listening listen() throws StoreException {
        Properties props = new Properties();
        settings.username().ifPresent(u -> props.setProperty("user", u));
        settings.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_S));
        props.setProperty("ApplicationName", "gatepost-cluster-bus");
        Connection c = null;
        try {
            c = DriverManager.getConnection(settings.url().orElseThrow(), props);
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            return new PgListening(c);
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw new StoreException("listen failed: " + e.getMessage(), e);
        }
    }

    private record PgListening(Connection c) implements Listening {
        @Override
        public List<String> poll(Duration timeout) throws StoreException {
            try {
                PGNotification[] got =
                        c.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeout.toMillis()));
                List<String> out = new ArrayList<>();
                if (got != null) {
                    for (PGNotification n : got) {
                        out.add(n.getParameter());
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new StoreException("listen lost: " + e.getMessage(), e);
            }
        }

        @Override
        public void check() throws StoreException {
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(SqlLeaseTable.STATEMENT_TIMEOUT_S);
                s.execute("SELECT 1");
            } catch (SQLException e) {
                throw new StoreException("listen lost: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
        }
    }
}
