package org.gatepost.hub.lists;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header row of an imported file, mapped to canonical column names through their Chinese and English
 * aliases ({@code 姓名} or {@code name} is {@code name}). Matching ignores case, surrounding spaces and full-width
 * forms. Immutable.
 */
final class Columns {
    private final Map<String, Integer> index;
    private final List<String> ignored;

    private Columns(Map<String, Integer> index, List<String> ignored) {
        this.index = index;
        this.ignored = ignored;
    }

    /**
     * @param aliases canonical name → its accepted header texts
     * @param errors  receives a row-1 error per duplicated column
     */
    static Columns of(List<String> header, Map<String, List<String>> aliases, List<RowError> errors) {
        Map<String, String> byAlias = new HashMap<>();
        aliases.forEach((canonical, names) -> names.forEach(a -> byAlias.put(key(a), canonical)));
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (i == 0 && h.startsWith("\uFEFF")) {
                h = h.substring(1);
            }
            String canonical = byAlias.get(key(h));
            if (canonical == null) {
                if (!h.isBlank()) {
                    ignored.add(clean(h));
                }
            } else if (index.putIfAbsent(canonical, i) != null) {
                errors.add(new RowError(1, canonical, "the column appears twice"));
            }
        }
        return new Columns(index, List.copyOf(ignored));
    }

    boolean has(String canonical) {
        return index.containsKey(canonical);
    }

    /** The cleaned value of a column in a row; empty when the column is absent, the row is short or the cell blank. */
    Optional<String> value(List<String> row, String canonical) {
        Integer i = index.get(canonical);
        if (i == null || i >= row.size()) {
            return Optional.empty();
        }
        String v = clean(row.get(i));
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** Header texts that matched no column (kept out of the list, reported). */
    List<String> ignored() {
        return ignored;
    }

    /** NFKC (full-width digits and letters become ASCII) and trimmed. */
    static String clean(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
    }

    private static String key(String s) {
        return clean(s).toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
