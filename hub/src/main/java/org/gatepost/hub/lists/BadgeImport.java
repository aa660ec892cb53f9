package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gatepost.hub.store.StoreException;

/**
 * Reads a staff and volunteer badges file into {@code badges} items: each row's badge number (an ID number,
 * checked like a resident's, or a card number of 4–32 letters and digits) is hashed and masked like a resident's,
 * then dropped; the role is {@code staff} (工作人员) or {@code volunteer} (志愿者). Thread safe.
 */
public final class BadgeImport {
    static final Map<String, List<String>> COLUMNS = aliases();
    private static final Pattern ID_SHAPE = Pattern.compile("[0-9]{17}[0-9X]");
    private static final Pattern CARD = Pattern.compile("[0-9A-Z]{4,32}");
    private static final Map<String, String> ROLES =
            Map.of("staff", "staff", "工作人员", "staff", "员工", "staff", "volunteer", "volunteer", "志愿者", "volunteer");

    private final CredentialHasher hasher;

    public BadgeImport(CredentialHasher hasher) {
        this.hasher = hasher;
    }

    /** Reads the whole file keeping its items in the report: for small files and tests. */
    public ImportReport read(byte[] file, Optional<String> encoding) throws ImportException {
        return CsvTable.collect(sink -> read(file, encoding, sink));
    }

    /** Reads the file row by row, handing each valid item to {@code sink}; the report counts them. */
    public ImportReport read(byte[] file, Optional<String> encoding, ItemSink sink)
            throws ImportException, StoreException {
        CsvTable table = CsvTable.read(file, encoding, COLUMNS, "badge");
        table.require("name", "number", "role");
        Map<String, Integer> seen = new HashMap<>();
        return table.items(ListKind.BADGES, (row, errors) -> badge(table.cols, row, seen, errors), sink);
    }

    private Optional<ObjectNode> badge(
            Columns cols, CsvParser.Row row, Map<String, Integer> seen, List<RowError> errors) {
        int before = errors.size();
        String number =
                cols.value(row.fields(), "number").map(IdNumbers::normalize).orElse("");
        numberProblem(number).ifPresent(p -> errors.add(new RowError(row.number(), "number", p)));
        String name = Rows.text(cols, row, "name", true, ResidentImport.MAX_TEXT, errors);
        String rawRole = cols.value(row.fields(), "role").orElse("");
        String role = ROLES.get(rawRole.toLowerCase(Locale.ROOT));
        if (role == null) {
            errors.add(new RowError(
                    row.number(), "role", rawRole.isEmpty() ? "is empty" : "must be staff (工作人员) or volunteer (志愿者)"));
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        String hash = hasher.hash(number);
        if (!Rows.firstOf(seen, hash, row, "number", "the same badge number", errors)) {
            return Optional.empty();
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("hash", hash);
        n.put("masked", CredentialHasher.mask(number));
        n.put("name", name);
        n.put("role", role);
        return Optional.of(n);
    }

    /** An 18-character number is an ID number and must pass its check; anything else is a card number. */
    private static Optional<String> numberProblem(String number) {
        if (number.isEmpty()) {
            return Optional.of("is empty");
        }
        if (number.length() == 18 && ID_SHAPE.matcher(number).matches()) {
            return IdNumbers.problem(number);
        }
        if (!CARD.matcher(number).matches()) {
            return Optional.of("must be an ID number or a card number of 4 to 32 letters and digits (" + number.length()
                    + " characters given)");
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("name", List.of("姓名", "name"));
        m.put("number", List.of("证件号", "身份证号", "身份证号码", "卡号", "工号", "胸卡号", "number", "id_number", "badge"));
        m.put("role", List.of("角色", "身份", "role"));
        return m;
    }
}
