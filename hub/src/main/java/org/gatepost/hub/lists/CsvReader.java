package org.gatepost.hub.lists;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link CsvParser}'s rules, one record at a time from a {@link Reader}: memory stays at one record whatever the
 * file's length. Not thread safe.
 */
final class CsvReader {
    private final Reader in;
    private final int maxRows;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private int row = 1;
    private int records;
    private final StringBuilder field = new StringBuilder();
    private final List<String> fields = new ArrayList<>();

    /** @param maxRows records allowed (the header included); one more is an {@link ImportException} */
    CsvReader(Reader in, int maxRows) {
        this.in = in;
        this.maxRows = maxRows;
    }

    /** The next record, or null after the last. */
    CsvParser.Row next() throws ImportException {
        boolean quoted = false;
        boolean fieldStarted = false;
        int startRow = row;
        while (true) {
            int c = read();
            if (c < 0) {
                if (quoted) {
                    throw new ImportException("row " + startRow + ": a quoted field is never closed");
                }
                return end(fieldStarted, startRow);
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        pos++;
                        field.append('"');
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append((char) c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.isEmpty()) {
                        quoted = true;
                    } else {
                        field.append('"');
                    }
                    fieldStarted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                }
                case '\r', '\n' -> {
                    if (c == '\r' && peek() == '\n') {
                        pos++;
                    }
                    CsvParser.Row r = end(fieldStarted, startRow);
                    row++;
                    if (r != null) {
                        return r;
                    }
                    fieldStarted = false;
                    startRow = row;
                }
                default -> {
                    field.append((char) c);
                    fieldStarted = true;
                }
            }
        }
    }

    private CsvParser.Row end(boolean started, int number) throws ImportException {
        if (!started && fields.isEmpty()) {
            return null;
        }
        fields.add(field.toString());
        field.setLength(0);
        if (records >= maxRows) {
            throw new ImportException("the file has more than " + maxRows + " rows");
        }
        records++;
        CsvParser.Row r = new CsvParser.Row(number, List.copyOf(fields));
        fields.clear();
        return r;
    }

    private int read() throws ImportException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private int peek() throws ImportException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private boolean fill() throws ImportException {
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            len = n;
            return true;
        } catch (IOException e) {
            throw new ImportException("the file could not be read: " + e.getMessage());
        }
    }
}
