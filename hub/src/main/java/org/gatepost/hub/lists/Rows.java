package org.gatepost.hub.lists;

import java.util.List;
import java.util.Map;

/** Cell checks shared by the importers. Stateless. */
final class Rows {
    private Rows() {}

    /** The cleaned cell; "" when blank and optional; records an error when required and blank or too long. */
    static String text(
            Columns cols, CsvParser.Row row, String column, boolean required, int max, List<RowError> errors) {
        String v = cols.value(row.fields(), column).orElse("");
        if (v.isEmpty() && required) {
            errors.add(new RowError(row.number(), column, "is empty"));
        } else if (v.length() > max) {
            errors.add(new RowError(row.number(), column, "must be at most " + max + " characters"));
        } else if (v.chars().anyMatch(Character::isISOControl)) {
            errors.add(new RowError(row.number(), column, "contains control characters"));
        }
        return v;
    }

    /**
     * True when no earlier row had {@code hash}, and then {@code seen} (each hash to the first row that had it)
     * remembers this row; otherwise records "{@code repeat} as row N" against {@code column}.
     */
    static boolean firstOf(
            Map<String, Integer> seen,
            String hash,
            CsvParser.Row row,
            String column,
            String repeat,
            List<RowError> errors) {
        Integer first = seen.putIfAbsent(hash, row.number());
        if (first != null) {
            errors.add(new RowError(row.number(), column, repeat + " as row " + first));
            return false;
        }
        return true;
    }
}
