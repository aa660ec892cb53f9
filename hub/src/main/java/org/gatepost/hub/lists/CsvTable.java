package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first steps every import shares: the file decoded ({@link CsvText}), split into rows ({@link CsvParser}) and
 * its header matched to the list's columns ({@link Columns}), with the errors found so far. Not thread safe: one
 * import's working state.
 */
final class CsvTable {
    private final CsvText.Decoded text;
    private final List<CsvParser.Row> rows;
    private final Map<String, List<String>> aliases;
    final Columns cols;
    final List<RowError> errors = new ArrayList<>();

    private CsvTable(CsvText.Decoded text, List<CsvParser.Row> rows, Map<String, List<String>> aliases) {
        this.text = text;
        this.rows = rows;
        this.aliases = aliases;
        this.cols = Columns.of(rows.getFirst().fields(), aliases, errors);
    }

    /**
     * @param perRow what one row of the file is, for the message about an empty file ("resident", "badge")
     * @throws ImportException when the file cannot be decoded or has no header row
     */
    static CsvTable read(byte[] file, Optional<String> encoding, Map<String, List<String>> aliases, String perRow)
            throws ImportException {
        CsvText.Decoded text = CsvText.decode(file, encoding);
        List<CsvParser.Row> rows = CsvParser.parse(text.text(), ResidentImport.MAX_ROWS + 1);
        if (rows.isEmpty()) {
            throw new ImportException("the file is empty: expected a header row and one row per " + perRow);
        }
        return new CsvTable(text, rows, aliases);
    }

    /** Records a header error for each of {@code columns} the file lacks. */
    void require(String... columns) {
        for (String required : columns) {
            if (!cols.has(required)) {
                errors.add(new RowError(1, required, "missing column (" + String.join(" or ", aliases.get(required))
                        + ")"));
            }
        }
    }

    /** Whether the header is usable: the rows are worth reading. */
    boolean headerOk() {
        return errors.isEmpty();
    }

    /** The rows after the header. */
    List<CsvParser.Row> body() {
        return rows.subList(1, rows.size());
    }

    ImportReport report(ListKind kind, List<ObjectNode> items) {
        return new ImportReport(kind, text.encoding(), rows.size() - 1, items, errors, cols.ignored());
    }
}
