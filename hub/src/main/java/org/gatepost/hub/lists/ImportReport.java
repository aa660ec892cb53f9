package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What an import found in a file: how many rows became items, and the errors (one per rejected cell or row). Never
 * holds a full ID number.
 *
 * @param encoding       {@code UTF-8} or {@code GBK}, as read
 * @param rows           data rows in the file (the header and blank lines not counted)
 * @param valid          rows that became items
 * @param items          the items in file order when the reader collected them ({@code read} without a sink:
 *                       tests, small files); empty when they were streamed to a sink
 * @param errors         the first {@link CsvTable#MAX_ERRORS_KEPT} errors, header errors first
 * @param errorsTotal    all errors, also those not kept
 * @param ignoredColumns header texts that matched no known column
 */
public record ImportReport(
        ListKind list,
        String encoding,
        int rows,
        int valid,
        List<ObjectNode> items,
        List<RowError> errors,
        int errorsTotal,
        List<String> ignoredColumns) {
    public ImportReport {
        items = List.copyOf(items);
        errors = List.copyOf(errors);
        ignoredColumns = List.copyOf(ignoredColumns);
    }

    /** Whether the file's header was usable (every required column present, none twice). */
    public boolean headerOk() {
        return errors.stream().noneMatch(e -> e.row() == 1);
    }
}
