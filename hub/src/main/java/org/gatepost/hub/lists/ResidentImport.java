package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.store.StoreException;

/**
 * Reads a residents file ({@code docs/hub.md}, Lists) into {@code residents} items: each row's ID number is
 * checked (ISO 7064 MOD 11-2), hashed and masked, then dropped. Rows with a problem are reported and left out.
 * Thread safe.
 */
public final class ResidentImport {
    public static final int MAX_ROWS = 200_000;
    static final int MAX_TEXT = 64;
    static final Map<String, List<String>> COLUMNS = aliases();

    private final CredentialHasher hasher;

    public ResidentImport(CredentialHasher hasher) {
        this.hasher = hasher;
    }

    /** Reads the whole file keeping its items in the report: for small files and tests. */
    public ImportReport read(byte[] file, Optional<String> encoding) throws ImportException {
        return CsvTable.collect(sink -> read(file, encoding, sink));
    }

    /**
     * Reads the file row by row, handing each valid item to {@code sink} as it is found; the report counts the
     * items but does not hold them. Memory: the file, and the hash of every valid row (to find repeated ID numbers).
     */
    public ImportReport read(byte[] file, Optional<String> encoding, ItemSink sink)
            throws ImportException, StoreException {
        CsvTable table = CsvTable.read(file, encoding, COLUMNS, "resident");
        table.require("name", "id_number", "household");
        Map<String, Integer> seen = new HashMap<>();
        return table.items(ListKind.RESIDENTS, (row, errors) -> resident(table.cols, row, seen, errors), sink);
    }

    private Optional<ObjectNode> resident(
            Columns cols, CsvParser.Row row, Map<String, Integer> seen, List<RowError> errors) {
        int before = errors.size();
        Optional<String> id = cols.value(row.fields(), "id_number").map(IdNumbers::normalize);
        if (id.isEmpty()) {
            errors.add(new RowError(row.number(), "id_number", "is empty"));
        } else {
            IdNumbers.problem(id.get()).ifPresent(p -> errors.add(new RowError(row.number(), "id_number", p)));
        }
        String name = Rows.text(cols, row, "name", true, MAX_TEXT, errors);
        String building = Rows.text(cols, row, "building", false, MAX_TEXT, errors);
        String unit = Rows.text(cols, row, "unit", false, MAX_TEXT, errors);
        String household = Rows.text(cols, row, "household", true, MAX_TEXT, errors);
        String grid = Rows.text(cols, row, "grid", false, MAX_TEXT, errors);
        if (errors.size() > before) {
            return Optional.empty();
        }
        String hash = hasher.hash(id.get());
        if (!Rows.firstOf(seen, hash, row, "id_number", "the same ID number", errors)) {
            return Optional.empty();
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("hash", hash);
        n.put("masked", CredentialHasher.mask(id.get()));
        n.put("name", name);
        n.put("building", building);
        n.put("unit", unit);
        n.put("household", household);
        n.put("grid", grid);
        return Optional.of(n);
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("name", List.of("姓名", "name"));
        m.put("id_number", List.of("身份证号", "身份证号码", "公民身份号码", "id_number"));
        m.put("building", List.of("楼栋", "楼号", "building"));
        m.put("unit", List.of("单元", "unit"));
        m.put("household", List.of("户", "户号", "household"));
        m.put("grid", List.of("网格", "grid"));
        return m;
    }
}
