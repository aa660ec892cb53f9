package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.store.StoreException;

/**
 * Reads a home-quarantine file into {@code quarantine} items: a row names a person (ID number, hashed and
 * dropped) or, without one, a household, and when the quarantine ends. A date without a time means the end of
 * that day in the hub's time zone ({@code hub.zone}, given as the clock's zone); a date and time without an
 * offset is a time of that zone too. A row whose end has passed is reported. Thread safe.
 */
public final class QuarantineImport {
    static final Map<String, List<String>> COLUMNS = aliases();
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d H:mm"),
            DateTimeFormatter.ofPattern("uuuu/M/d H:mm"),
            DateTimeFormatter.ofPattern("uuuu-M-d'T'H:mm"),
            DateTimeFormatter.ofPattern("uuuu-M-d H:mm:ss"),
            DateTimeFormatter.ofPattern("uuuu/M/d H:mm:ss"));
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d"), DateTimeFormatter.ofPattern("uuuu/M/d"),
            DateTimeFormatter.ofPattern("uuuu.M.d"), DateTimeFormatter.ofPattern("uuuu年M月d日"));

    private final CredentialHasher hasher;
    private final Clock clock;

    public QuarantineImport(CredentialHasher hasher, Clock clock) {
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Reads the whole file at the clock's time, keeping its items in the report: for small files and tests. */
    public ImportReport read(byte[] file, Optional<String> encoding) throws ImportException {
        Instant now = clock.instant();
        return CsvTable.collect(sink -> read(file, encoding, now, sink));
    }

    /**
     * Reads the file row by row as at {@code now} (an end already past is an error), handing each valid item to
     * {@code sink}; the report counts them. The same file and {@code now} give the same items.
     */
    public ImportReport read(byte[] file, Optional<String> encoding, Instant now, ItemSink sink)
            throws ImportException, StoreException {
        CsvTable table = CsvTable.read(file, encoding, COLUMNS, "quarantine");
        if (!table.cols.has("household") && !table.cols.has("id_number")) {
            table.errors.add(new RowError(1, "household", "missing column: 户 (household) or 身份证号 (id_number)"));
        }
        table.require("until");
        Map<String, Integer> seen = new HashMap<>();
        return table.items(ListKind.QUARANTINE, (row, errors) -> item(table.cols, row, now, seen, errors), sink);
    }

    private Optional<ObjectNode> item(
            Columns cols, CsvParser.Row row, Instant now, Map<String, Integer> seen, List<RowError> errors) {
        int before = errors.size();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        Optional<String> id = cols.value(row.fields(), "id_number").map(IdNumbers::normalize);
        String key;
        if (id.isPresent()) {
            IdNumbers.problem(id.get()).ifPresent(p -> errors.add(new RowError(row.number(), "id_number", p)));
            key = errors.size() > before ? null : hasher.hash(id.get());
            if (key != null) {
                n.put("hash", key);
                n.put("masked", CredentialHasher.mask(id.get()));
            }
        } else {
            key = Rows.text(cols, row, "household", false, ResidentImport.MAX_TEXT, errors);
            if (key.isEmpty() && errors.size() == before) {
                errors.add(new RowError(
                        row.number(),
                        cols.has("household") ? "household" : "id_number",
                        "is empty: give the household or the person's ID number"));
            }
            n.put("household", key);
        }
        Optional<Instant> until = until(cols, row, now, errors);
        if (errors.size() > before || until.isEmpty()) {
            return Optional.empty();
        }
        Integer first = seen.putIfAbsent(key, row.number());
        if (first != null) {
            errors.add(new RowError(
                    row.number(), id.isPresent() ? "id_number" : "household", "already listed in row " + first));
            return Optional.empty();
        }
        n.put("until", ContractJson.TIME_FORMAT.format(until.get()));
        return Optional.of(n);
    }

    private Optional<Instant> until(Columns cols, CsvParser.Row row, Instant now, List<RowError> errors) {
        Optional<String> raw = cols.value(row.fields(), "until");
        if (raw.isEmpty()) {
            errors.add(new RowError(row.number(), "until", "is empty"));
            return Optional.empty();
        }
        Optional<Instant> t = parseUntil(raw.get());
        if (t.isEmpty()) {
            errors.add(new RowError(
                    row.number(), "until", "must be a date like 2026-12-05 or a date and time like 2026-12-05 18:00"));
        } else if (!t.get().isAfter(now)) {
            errors.add(new RowError(row.number(), "until", "has already passed"));
            return Optional.empty();
        }
        return t;
    }

    /**
     * An instant with its offset as given; a local date and time in the clock's zone; a date alone is the end of that
     * day (the next midnight) in the clock's zone.
     */
    Optional<Instant> parseUntil(String s) {
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            // try the local forms
        }
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return Optional.of(
                        LocalDateTime.parse(s, f).atZone(clock.getZone()).toInstant());
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return Optional.of(LocalDate.parse(s, f)
                        .plusDays(1)
                        .atStartOfDay(clock.getZone())
                        .toInstant());
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("household", List.of("户", "户号", "household"));
        m.put("id_number", List.of("身份证号", "身份证号码", "公民身份号码", "id_number"));
        m.put("name", List.of("姓名", "name"));
        m.put("until", List.of("隔离截止", "截止日期", "隔离截止日期", "until"));
        return m;
    }
}
