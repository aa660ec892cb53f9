package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.store.StoreException;

/**
 * Reads a blocked-households file into {@code blocked} items ({@code {"household": "7-1-101"}}): one household
 * per row, normalised like the residents' household (NFKC, trimmed). A reason column, if any, is reported as
 * ignored: the list carries only the household. Thread safe.
 */
public final class BlockedImport {
    static final Map<String, List<String>> COLUMNS = aliases();

    /** Reads the whole file keeping its items in the report: for small files and tests. */
    public ImportReport read(byte[] file, Optional<String> encoding) throws ImportException {
        return CsvTable.collect(sink -> read(file, encoding, sink));
    }

    /** Reads the file row by row, handing each valid item to {@code sink}; the report counts them. */
    public ImportReport read(byte[] file, Optional<String> encoding, ItemSink sink)
            throws ImportException, StoreException {
        CsvTable table = CsvTable.read(file, encoding, COLUMNS, "household");
        table.require("household");
        Map<String, Integer> seen = new HashMap<>();
        return table.items(
                ListKind.BLOCKED,
                (row, errors) -> {
                    String household = Rows.text(table.cols, row, "household", true, ResidentImport.MAX_TEXT, errors);
                    if (!errors.isEmpty()) {
                        return Optional.empty();
                    }
                    Integer first = seen.putIfAbsent(household, row.number());
                    if (first != null) {
                        errors.add(new RowError(row.number(), "household", "already listed in row " + first));
                        return Optional.empty();
                    }
                    return Optional.of(JsonNodeFactory.instance.objectNode().put("household", household));
                },
                sink);
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("household", List.of("户", "户号", "household"));
        return m;
    }
}
