package org.gatepost.agent.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads one list item's fields strictly (presence, type, range) and ignores fields it does not know. A problem
 * is a {@link Problem} whose message names the field and never echoes its value. Stateless.
 */
public final class ItemFields {
    /** A credential hash, scheme v1 or v2 ({@code docs/mqtt.md}). */
    public static final Pattern HASH = Pattern.compile("(v2:)?[0-9a-f]{64}");
    /** A SHA-256 checksum. */
    public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Longest text the hub's import accepts in a field, with room for masked numbers of other kinds. */
    public static final int MAX_TEXT = 64;

    private final JsonNode node;

    private ItemFields(JsonNode node) {
        this.node = node;
    }

    public static ItemFields of(JsonNode item) throws Problem {
        if (item == null || !item.isObject()) {
            throw new Problem("not an object");
        }
        return new ItemFields(item);
    }

    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /** A present string of 1..MAX_TEXT characters. */
    public String text(String field) throws Problem {
        if (!has(field)) {
            throw new Problem(field + ": missing");
        }
        String s = textOrEmpty(field);
        if (s.isEmpty()) {
            throw new Problem(field + ": is empty");
        }
        return s;
    }

    /** A string of at most MAX_TEXT characters; an absent field is empty. */
    public String textOrEmpty(String field) throws Problem {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new Problem(field + ": must be a string");
        }
        String s = v.textValue();
        if (s.length() > MAX_TEXT) {
            throw new Problem(field + ": longer than " + MAX_TEXT + " characters");
        }
        return s;
    }

    public String hash(String field) throws Problem {
        if (!has(field)) {
            throw new Problem(field + ": missing");
        }
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw new Problem(field + ": must be a string");
        }
        String s = v.textValue();
        if (!HASH.matcher(s).matches()) {
            throw new Problem(field + ": must be 64 lowercase hex digits, or v2: and 64");
        }
        return s;
    }

    public Instant instant(String field) throws Problem {
        String s = text(field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new Problem(field + ": must be an ISO-8601 UTC time");
        }
    }

    public double number(String field, double min, double max) throws Problem {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new Problem(field + ": missing");
        }
        if (!v.isNumber()) {
            throw new Problem(field + ": must be a number");
        }
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) {
            throw new Problem(field + ": must be " + min + " to " + max);
        }
        return d;
    }

    public int integer(String field, int min, int max) throws Problem {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new Problem(field + ": missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new Problem(field + ": must be an integer");
        }
        int i = v.intValue();
        if (i < min || i > max) {
            throw new Problem(field + ": must be " + min + " to " + max);
        }
        return i;
    }

    public boolean bool(String field) throws Problem {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new Problem(field + ": missing");
        }
        if (!v.isBoolean()) {
            throw new Problem(field + ": must be true or false");
        }
        return v.booleanValue();
    }

    /** One of {@code allowed}, as written on the wire. */
    public String word(String field, String... allowed) throws Problem {
        String s = text(field);
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw new Problem(field + ": must be one of " + String.join(", ", allowed));
    }

    public JsonNode node(String field) {
        return node.get(field);
    }

    /** What is wrong with one item; the message names the field, never its value. */
    public static final class Problem extends Exception {
        public Problem(String message) {
            super(message, null, false, false);
        }
    }
}
