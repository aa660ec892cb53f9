package org.gatepost.hub.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Typed, null-checked reads of a JSON object's fields; each failure names the field. */
final class JsonFields {
    private final JsonNode node;
    private final String prefix;

    JsonFields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The field's name as failure reasons show it, e.g. {@code entries[3].seq}. */
    String name(String field) {
        return prefix + field;
    }

    /** Whether the field is there at all (JSON null counts as there). */
    boolean has(String name) {
        return node.has(name);
    }

    /** Whether the field is absent or JSON null. */
    boolean absentOrNull(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull();
    }

    /** The names of this object's fields, in document order. */
    List<String> fieldNames() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The elements of an array field (each a string matching {@code pattern}), at most {@code max} of them. */
    List<String> strings(String name, int max, Pattern pattern, String what) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isArray() || v.size() > max) {
            throw new InvalidPayloadException(prefix + name + ": must be an array of 0.." + max + " strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode s = v.get(i);
            if (!s.isTextual() || !pattern.matcher(s.textValue()).matches()) {
                throw new InvalidPayloadException(prefix + name + "[" + i + "]: must be " + what);
            }
            out.add(s.textValue());
        }
        return out;
    }

    /** Checks the schema version field {@code v}. */
    void schemaVersion(int expected) throws InvalidPayloadException {
        JsonNode v = node.get("v");
        if (v == null || !v.isIntegralNumber()) {
            throw new InvalidPayloadException(prefix + "v: missing or not an integer");
        }
        if (!v.canConvertToInt() || v.intValue() != expected) {
            throw new InvalidPayloadException(
                    prefix + "v: unsupported schema version (this hub reads v=" + expected + ")");
        }
    }

    private JsonNode required(String name) throws InvalidPayloadException {
        JsonNode v = node.get(name);
        if (v == null || v.isMissingNode()) {
            throw new InvalidPayloadException(prefix + name + ": missing");
        }
        if (v.isNull()) {
            throw new InvalidPayloadException(prefix + name + ": must not be null");
        }
        return v;
    }

    /** The nested object, or null when the field is JSON null; missing is an error. */
    JsonFields objectOrNull(String name) throws InvalidPayloadException {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new InvalidPayloadException(prefix + name + ": missing");
        }
        if (v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new InvalidPayloadException(prefix + name + ": must be an object or null");
        }
        return new JsonFields(v, prefix + name + ".");
    }

    /** The elements of an array field (each an object), between {@code min} and {@code max} of them. */
    List<JsonFields> objects(String name, int min, int max) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isArray() || v.size() < min || v.size() > max) {
            throw new InvalidPayloadException(prefix + name + ": must be an array of " + min + ".." + max + " objects");
        }
        List<JsonFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw new InvalidPayloadException(prefix + name + "[" + i + "]: must be an object");
            }
            out.add(new JsonFields(v.get(i), prefix + name + "[" + i + "]."));
        }
        return out;
    }

    /**
     * The elements of an array field of 0..{@code max} elements, each as a field reader whatever it holds (an
     * element that is not an object reads as having no fields); {@link #isObject} tells them apart.
     */
    List<JsonFields> elements(String name, int max) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isArray() || v.size() > max) {
            throw new InvalidPayloadException(prefix + name + ": must be an array of 0.." + max + " objects");
        }
        List<JsonFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(new JsonFields(v.get(i), prefix + name + "[" + i + "]."));
        }
        return out;
    }

    /** Whether this reader's node is a JSON object. */
    boolean isObject() {
        return node.isObject();
    }

    /** This reader's own name in failure reasons, e.g. {@code devices[2]}. */
    String self() {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** The nested object; missing or null is an error. */
    JsonFields object(String name) throws InvalidPayloadException {
        JsonFields f = objectOrNull(name);
        if (f == null) {
            throw new InvalidPayloadException(prefix + name + ": must not be null");
        }
        return f;
    }

    /** A string of 0..maxLength characters (empty allowed), or null when {@code nullable} and JSON null. */
    String textOrEmpty(String name, int maxLength, boolean nullable) throws InvalidPayloadException {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new InvalidPayloadException(prefix + name + ": missing");
        }
        if (v.isNull() && nullable) {
            return null;
        }
        if (!v.isTextual() || v.textValue().length() > maxLength) {
            throw new InvalidPayloadException(prefix + name + ": must be a string of 0.." + maxLength + " characters"
                    + (nullable ? " or null" : ""));
        }
        return v.textValue();
    }

    /** A finite number ≥ {@code min}, or null when the field is JSON null; missing is an error. */
    Double numberOrNull(String name, double min) throws InvalidPayloadException {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new InvalidPayloadException(prefix + name + ": missing");
        }
        if (v.isNull()) {
            return null;
        }
        return number(name, min);
    }

    /** A finite number within {@code min..max}, or null when the field is JSON null; missing is an error. */
    Double numberOrNull(String name, double min, double max) throws InvalidPayloadException {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new InvalidPayloadException(prefix + name + ": missing");
        }
        return v.isNull() ? null : number(name, min, max);
    }

    double number(String name, double min) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < min) {
            throw new InvalidPayloadException(prefix + name + ": must be a number >= " + min);
        }
        return v.doubleValue();
    }

    String text(String name, int maxLength) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isTextual() || v.textValue().isEmpty() || v.textValue().length() > maxLength) {
            throw new InvalidPayloadException(prefix + name + ": must be a string of 1.." + maxLength + " characters");
        }
        return v.textValue();
    }

    String matching(String name, Pattern pattern, String what) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isTextual() || !pattern.matcher(v.textValue()).matches()) {
            throw new InvalidPayloadException(prefix + name + ": must be " + what);
        }
        return v.textValue();
    }

    long integer(String name, long min) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min) {
            throw new InvalidPayloadException(prefix + name + ": must be an integer >= " + min);
        }
        return v.longValue();
    }

    /** An integer within {@code min..max} (both inclusive); the failure names the bounds. */
    long integer(String name, long min, long max) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw new InvalidPayloadException(prefix + name + ": must be an integer in " + min + ".." + max);
        }
        return v.longValue();
    }

    /** A finite number within {@code min..max} (both inclusive); the failure names the bounds. */
    double number(String name, double min, double max) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < min || v.doubleValue() > max) {
            throw new InvalidPayloadException(
                    prefix + name + ": must be a number in " + Bounds.text(min) + ".." + Bounds.text(max));
        }
        return v.doubleValue();
    }

    double number(String name) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new InvalidPayloadException(prefix + name + ": must be a number");
        }
        return v.doubleValue();
    }

    boolean bool(String name) throws InvalidPayloadException {
        JsonNode v = required(name);
        if (!v.isBoolean()) {
            throw new InvalidPayloadException(prefix + name + ": must be true or false");
        }
        return v.booleanValue();
    }

    Instant instant(String name) throws InvalidPayloadException {
        String s = text(name, 40);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException(
                    prefix + name + ": must be an ISO-8601 UTC time like 2026-11-28T08:15:02.417Z");
        }
    }
}
