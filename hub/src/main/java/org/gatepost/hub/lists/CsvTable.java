package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.store.StoreException;

/**
 * The first steps every import shares: the file checked to be text ({@link CsvText}), its header matched to the
 * list's columns ({@link Columns}), and its rows streamed one at a time ({@link #forEachRow}), with the errors found
 * so far. Rows are never all in memory: a 32 MB file would be several times that as objects. Of the errors, the
 * first {@link #MAX_ERRORS_KEPT} are kept and all are counted. Not thread safe: one import's working state.
 */
final class CsvTable {
    /** Errors kept for the report; the API shows fewer, and counts them all. */
    static final int MAX_ERRORS_KEPT = 1_000;

    /** Checks one data row; adds its problems to {@code errors}. */
    interface RowCheck {
        void row(CsvParser.Row row, List<RowError> errors) throws StoreException;
    }

    /** Makes the item of one data row, or adds the row's problems to {@code errors} and makes none. */
    interface RowItem {
        Optional<ObjectNode> item(CsvParser.Row row, List<RowError> errors) throws StoreException;
    }

    /** One streamed read of a file, its items going to the sink given. */
    interface Reading {
        ImportReport read(ItemSink sink) throws ImportException, StoreException;
    }

    /** Runs {@code reading} keeping its items in the report: for small files and tests. */
    static ImportReport collect(Reading reading) throws ImportException {
        List<ObjectNode> items = new ArrayList<>();
        try {
            ImportReport r = reading.read(items::add);
            return new ImportReport(
                    r.list(),
                    r.encoding(),
                    r.rows(),
                    r.valid(),
                    items,
                    r.errors(),
                    r.errorsTotal(),
                    r.ignoredColumns());
        } catch (StoreException e) {
            throw new IllegalStateException("a list cannot fail to take an item", e);
        }
    }

    private final CsvText.Source text;
    private final Map<String, List<String>> aliases;
    final Columns cols;
    /** The header's errors, then the rows' (the first {@link #MAX_ERRORS_KEPT}). */
    final List<RowError> errors = new ArrayList<>();

    private int errorsDropped;
    private int rows;

    private CsvTable(CsvText.Source text, List<String> header, Map<String, List<String>> aliases) {
        this.text = text;
        this.aliases = aliases;
        this.cols = Columns.of(header, aliases, errors);
    }

    /**
     * @param perRow what one row of the file is, for the message about an empty file ("resident", "badge")
     * @throws ImportException when the file cannot be decoded or has no header row
     */
    static CsvTable read(byte[] file, Optional<String> encoding, Map<String, List<String>> aliases, String perRow)
            throws ImportException {
        CsvText.Source text = CsvText.open(file, encoding);
        CsvParser.Row header = new CsvReader(text.reader(), 1).next();
        if (header == null) {
            throw new ImportException("the file is empty: expected a header row and one row per " + perRow);
        }
        return new CsvTable(text, header.fields(), aliases);
    }

    /** Records a header error for each of {@code columns} the file lacks. */
    void require(String... columns) {
        for (String required : columns) {
            if (!cols.has(required)) {
                errors.add(new RowError(
                        1, required, "missing column (" + String.join(" or ", aliases.get(required)) + ")"));
            }
        }
    }

    /** Whether the header is usable: the rows are worth reading. */
    boolean headerOk() {
        return errors.isEmpty();
    }

    /**
     * Streams the rows after the header to {@code check} (only when {@link #headerOk()}: otherwise they are only
     * counted and checked to be well-formed CSV), in file order. Call once.
     *
     * @throws ImportException for an unterminated quote or more than {@link ResidentImport#MAX_ROWS} rows
     */
    void forEachRow(RowCheck check) throws ImportException, StoreException {
        boolean headerOk = headerOk();
        CsvReader reader = new CsvReader(text.reader(), ResidentImport.MAX_ROWS + 1);
        reader.next();
        List<RowError> rowErrors = new ArrayList<>();
        for (CsvParser.Row row = reader.next(); row != null; row = reader.next()) {
            rows++;
            if (headerOk) {
                check.row(row, rowErrors);
            }
            for (RowError e : rowErrors) {
                if (errors.size() < MAX_ERRORS_KEPT) {
                    errors.add(e);
                } else {
                    errorsDropped++;
                }
            }
            rowErrors.clear();
        }
    }

    /**
     * Streams the rows ({@link #forEachRow}), handing each item {@code rowItem} makes to {@code sink}; the report, of
     * a {@code kind} import, counts them but does not hold them.
     */
    ImportReport items(ListKind kind, RowItem rowItem, ItemSink sink) throws ImportException, StoreException {
        int[] valid = {0};
        forEachRow((row, errors) -> {
            Optional<ObjectNode> item = rowItem.item(row, errors);
            if (item.isPresent()) {
                valid[0]++;
                sink.accept(item.get());
            }
        });
        return report(kind, valid[0], List.of());
    }

    /**
     * @param valid     rows that became items
     * @param collected the items, when the caller kept them ({@code List.of()} when streamed)
     */
    ImportReport report(ListKind kind, int valid, List<ObjectNode> collected) {
        return new ImportReport(
                kind, text.encoding(), rows, valid, collected, errors, errors.size() + errorsDropped, cols.ignored());
    }
}
