package org.gatepost.hub.lists;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as spreadsheet programs write it: comma separated, fields optionally in double quotes (a doubled
 * quote inside stands for one, and quoted fields may span lines), CRLF or LF line ends. Records count from 1
 * like a spreadsheet's rows, so record 1 is the header. Blank lines are skipped but counted. Stateless.
 */
public final class CsvParser {
    /** One record and its row number (1-based). */
    public record Row(int number, List<String> fields) {
    }

    private CsvParser() {
    }

    /** @throws ImportException for an unterminated quote or more than {@code maxRows} records */
    public static List<Row> parse(String text, int maxRows) throws ImportException {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int row = 1;
        int startRow = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.isEmpty()) {
                        quoted = true;
                    } else {
                        field.append(c);
                    }
                    fieldStarted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                }
                case '\r', '\n' -> {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    endRecord(rows, fields, field, fieldStarted, startRow, maxRows);
                    fieldStarted = false;
                    row++;
                    startRow = row;
                }
                default -> {
                    field.append(c);
                    fieldStarted = true;
                }
            }
            i++;
        }
        if (quoted) {
            throw new ImportException("row " + startRow + ": a quoted field is never closed");
        }
        endRecord(rows, fields, field, fieldStarted, startRow, maxRows);
        return rows;
    }

    private static void endRecord(List<Row> rows, List<String> fields, StringBuilder field, boolean started,
                                  int number, int maxRows) throws ImportException {
        if (!started && fields.isEmpty()) {
            return;
        }
        fields.add(field.toString());
        field.setLength(0);
        if (rows.size() >= maxRows) {
            throw new ImportException("the file has more than " + maxRows + " rows");
        }
        rows.add(new Row(number, List.copyOf(fields)));
        fields.clear();
    }
}
