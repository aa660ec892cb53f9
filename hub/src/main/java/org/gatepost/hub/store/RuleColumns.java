package org.gatepost.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.EntryRules;

/**
 * The entries' rule columns (schema version 2): the fields operators filter on as columns, and all rule fields
 * as JSON in {@code rules}; then the health check's colour, source and time (schema version 10). One place for their order in inserts and selects.
 */
final class RuleColumns {
    static final String NAMES = "admitted, direction, reader, person_role, household, quarantined, mask, rules,"
            + " health_colour, health_source, health_checked_at";
    static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
    static final int COUNT = 11;

    private RuleColumns() {}

    /** Binds the columns after parameter {@code last}. */
    static void bind(PreparedStatement ps, int last, EntryMessage e) throws SQLException {
        EntryRules r = e.rules();
        EntryRules.Person p = r == null ? null : r.person();
        int i = last;
        ps.setInt(++i, e.admitted() ? 1 : 0);
        ps.setString(++i, r == null ? null : r.direction());
        ps.setString(++i, r == null ? null : r.reader());
        ps.setString(++i, p == null ? null : p.role());
        ps.setString(++i, p == null ? null : p.household());
        ps.setInt(++i, p != null && p.quarantined() ? 1 : 0);
        ps.setString(++i, r == null ? null : r.mask());
        ps.setString(++i, r == null ? null : ContractJson.rulesJson(r));
        EntryMessage.Health h = e.health();
        ps.setString(++i, h == null ? null : h.colour());
        ps.setString(++i, h == null ? null : h.source());
        ps.setString(++i, h == null ? null : Times.format(h.checkedAt()));
    }

    /** The health columns (schema version 10) of a row selected with {@link #NAMES} from {@code first}; null for none. */
    static EntryMessage.Health health(ResultSet rs, int first) throws SQLException {
        String colour = rs.getString(first + 8);
        return colour == null
                ? null
                : new EntryMessage.Health(colour, rs.getString(first + 9), Times.parse(rs.getString(first + 10)));
    }

    /** The rule fields of a row selected with {@link #NAMES} from column {@code first}; null for an older entry. */
    static EntryRules read(ResultSet rs, int first, String decision) throws SQLException {
        return ContractJson.parseStoredRules(rs.getString(first + 7), decision);
    }

    /** Whether the row's gate opened. */
    static boolean admitted(ResultSet rs, int first) throws SQLException {
        return rs.getInt(first) != 0;
    }
}
