package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a blocked-households file into {@code blocked} items ({@code {"household": "7-1-101"}}): one household
 * per row, normalised like the residents' household (NFKC, trimmed). A reason column, if any, is reported as
 * ignored: the list carries only the household. Thread safe.
 */
public final class BlockedImport {
    static final Map<String, List<String>> COLUMNS = aliases();

    public ImportReport read(byte[] file, Optional<String> encoding) throws ImportException {
        CsvText.Decoded text = CsvText.decode(file, encoding);
        List<CsvParser.Row> rows = CsvParser.parse(text.text(), ResidentImport.MAX_ROWS + 1);
        if (rows.isEmpty()) {
            throw new ImportException("the file is empty: expected a header row and one row per household");
        }
        List<RowError> errors = new ArrayList<>();
        Columns cols = Columns.of(rows.getFirst().fields(), COLUMNS, errors);
        if (!cols.has("household")) {
            errors.add(new RowError(1, "household", "missing column (" + String.join(" or ", COLUMNS.get("household"))
                    + ")"));
        }
        List<ObjectNode> items = new ArrayList<>();
        if (errors.isEmpty()) {
            Map<String, Integer> seen = new HashMap<>();
            for (CsvParser.Row row : rows.subList(1, rows.size())) {
                int before = errors.size();
                String household = Rows.text(cols, row, "household", true, ResidentImport.MAX_TEXT, errors);
                if (errors.size() > before) {
                    continue;
                }
                Integer first = seen.putIfAbsent(household, row.number());
                if (first != null) {
                    errors.add(new RowError(row.number(), "household", "already listed in row " + first));
                    continue;
                }
                items.add(JsonNodeFactory.instance.objectNode().put("household", household));
            }
        }
        return new ImportReport(ListKind.BLOCKED, text.encoding(), rows.size() - 1, items, errors, cols.ignored());
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("household", List.of("户", "户号", "household"));
        return m;
    }
}
