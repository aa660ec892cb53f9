package org.gatepost.hub.web;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted and quotes doubled; rows end in CRLF.
 * Text that a spreadsheet would run as a formula ({@code = + - @}, tab, CR at the start) gets a leading
 * apostrophe, so an operator's note cannot become a formula. Numbers are written as they are. Not thread safe.
 */
final class Csv {
    /** UTF-8 byte order mark: spreadsheet programs then read the file as UTF-8 (Chinese text intact). */
    static final char BOM = '\uFEFF';

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    void bom() throws IOException {
        out.write(BOM);
    }

    /** One row: {@code null} is an empty field; {@link Number} and {@link Boolean} are written plainly. */
    void row(Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            Object c = cells[i];
            if (c == null) {
                continue;
            }
            out.write(c instanceof Number || c instanceof Boolean ? c.toString() : text(c.toString()));
        }
        out.write("\r\n");
    }

    static String text(String s) {
        String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
