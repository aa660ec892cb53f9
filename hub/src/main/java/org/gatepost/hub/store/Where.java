package org.gatepost.hub.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A WHERE clause built from optional filters, with its bind values in order. Column names are constants. */
final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    Where eq(String column, Optional<String> value) {
        value.ifPresent(v -> add(column + " = ?", v));
        return this;
    }

    /** {@code column >= from} for a time column stored as fixed-width UTC text. */
    Where atOrAfter(String column, Optional<Instant> from) {
        from.ifPresent(t -> add(column + " >= ?", Times.format(t)));
        return this;
    }

    /** {@code column < to}. */
    Where before(String column, Optional<Instant> to) {
        to.ifPresent(t -> add(column + " < ?", Times.format(t)));
        return this;
    }

    /** A clause with {@code ?} placeholders, one per value (a {@code String} or a {@code Long}). */
    Where add(String clause, Object... binds) {
        clauses.add(clause);
        values.addAll(List.of(binds));
        return this;
    }

    String sql() {
        return clauses.isEmpty() ? "" : "WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the values from parameter 1; returns the number bound. */
    int bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Long n) {
                ps.setLong(i + 1, n);
            } else {
                ps.setString(i + 1, (String) values.get(i));
            }
        }
        return values.size();
    }
}
