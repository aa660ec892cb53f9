package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What an import found in a file: the valid items, in file order, and one error per rejected cell or row. Never
 * holds a full ID number (items carry only the hash and the masked form).
 *
 * @param encoding       {@code UTF-8} or {@code GBK}, as read
 * @param rows           data rows in the file (the header and blank lines not counted)
 * @param ignoredColumns header texts that matched no known column
 */
public record ImportReport(ListKind list, String encoding, int rows, List<ObjectNode> items, List<RowError> errors,
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
