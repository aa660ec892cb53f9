package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader behind every import: records split across its 8,192-char buffer read the same. */
class CsvReaderTest {
    private static final int BUFFER = 8192;

    @Test
    void readsACrLfAndADoubledQuoteThatStraddleTheBufferEdge() throws Exception {
        for (int shift = 0; shift < 4; shift++) {
            String filler = "x".repeat(BUFFER - 3 - shift);
            String text = "h1,h2\r\n" + filler + ",\"a\"\"b\"\r\n\"multi\nline\",2\r\n\r\nlast,3";
            List<CsvParser.Row> rows = all(text);
            assertEquals(4, rows.size(), "shift " + shift);
            assertEquals(List.of(filler, "a\"b"), rows.get(1).fields(), "shift " + shift);
            assertEquals(new CsvParser.Row(3, List.of("multi\nline", "2")), rows.get(2));
            assertEquals(new CsvParser.Row(5, List.of("last", "3")), rows.get(3), "the blank line is counted");
        }
    }

    @Test
    void refusesOneRecordMoreThanAllowedAndAnUnclosedQuote() {
        assertThrows(ImportException.class, () -> all("a\nb\nc\n", 2));
        assertThrows(ImportException.class, () -> all("a\n\"b,c\n"));
    }

    @Test
    void endsWithNullAndStaysThere() throws Exception {
        CsvReader r = new CsvReader(new StringReader("a,b\n"), 10);
        assertEquals(List.of("a", "b"), r.next().fields());
        assertNull(r.next());
        assertNull(r.next());
    }

    private static List<CsvParser.Row> all(String text) throws ImportException {
        return all(text, 100);
    }

    private static List<CsvParser.Row> all(String text, int max) throws ImportException {
        CsvReader r = new CsvReader(new StringReader(text), max);
        List<CsvParser.Row> out = new ArrayList<>();
        for (CsvParser.Row row = r.next(); row != null; row = r.next()) {
            out.add(row);
        }
        return out;
    }
}
