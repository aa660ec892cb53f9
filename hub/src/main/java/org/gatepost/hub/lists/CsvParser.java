package org.gatepost.hub.lists;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as spreadsheet programs write it: comma separated, fields optionally in double quotes (a doubled
 * quote inside stands for one, and quoted fields may span lines), CRLF or LF line ends. Records count from 1
 * like a spreadsheet's rows, so record 1 is the header. Blank lines are skipped but counted. Stateless. A file
 * too large to hold as text is read record by record ({@link CsvReader}).
 */
public final class CsvParser {
    /** One record and its row number (1-based). */
    public record Row(int number, List<String> fields) {}

    private CsvParser() {}

    /** @throws ImportException for an unterminated quote or more than {@code maxRows} records */
    public static List<Row> parse(String text, int maxRows) throws ImportException {
        CsvReader reader = new CsvReader(new StringReader(text), maxRows);
        List<Row> rows = new ArrayList<>();
        for (Row r = reader.next(); r != null; r = reader.next()) {
            rows.add(r);
        }
        return rows;
    }
}
