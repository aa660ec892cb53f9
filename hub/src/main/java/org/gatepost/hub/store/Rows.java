package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Result sets read into lists; the column positions a {@link Row} reads are those of the statement it belongs to. */
final class Rows {
    private Rows() {}

    /** One row of a result set as a value; must not move the cursor. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code ps} (its values bound already) and reads every row, in the result's order. */
    static <T> List<T> list(PreparedStatement ps, Row<T> row) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        }
    }

    /** Runs {@code sql} with {@code w}'s values bound and reads every row, in the result's order. */
    static <T> List<T> list(Connection c, String sql, Where w, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            w.bind(ps);
            return list(ps, row);
        }
    }

    /** Runs {@code ps} (its values bound already), a query of one row, and reads its first column as a number. */
    static long number(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs {@code sql}, which ends in {@code LIMIT ?}, with {@code w}'s values and then {@code limit} bound. */
    static <T> List<T> page(Connection c, String sql, Where w, int limit, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(w.bind(ps) + 1, limit);
            return list(ps, row);
        }
    }
}
