package org.gatepost.hub.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Typed, null-checked reads of a JSON object's fields; each failure names the field. */
final class JsonFields {
    private final JsonNode node;
    private final String prefix;

    JsonFields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
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
            throw new InvalidPayloadException(prefix + name + ": must be an ISO-8601 UTC time like 2026-11-28T08:15:02.417Z");
        }
    }
}
