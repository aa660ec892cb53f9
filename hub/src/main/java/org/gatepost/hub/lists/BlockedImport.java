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
        CsvTable table = CsvTable.read(file, encoding, COLUMNS, "household");
        table.require("household");
        List<ObjectNode> items = new ArrayList<>();
        if (table.headerOk()) {
            Map<String, Integer> seen = new HashMap<>();
            for (CsvParser.Row row : table.body()) {
                int before = table.errors.size();
                String household = Rows.text(table.cols, row, "household", true, ResidentImport.MAX_TEXT, table.errors);
                if (table.errors.size() > before) {
                    continue;
                }
                Integer first = seen.putIfAbsent(household, row.number());
                if (first != null) {
                    table.errors.add(new RowError(row.number(), "household", "already listed in row " + first));
                    continue;
                }
                items.add(JsonNodeFactory.instance.objectNode().put("household", household));
            }
        }
        return table.report(ListKind.BLOCKED, items);
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("household", List.of("户", "户号", "household"));
        return m;
    }
}
