package org.gatepost.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON object body, validated: {@code Content-Type: application/json} (which a cross-site form
 * cannot send without a CORS preflight the hub never grants), an object, only known fields, text fields as
 * strings of bounded length. Failures are 400 or 415 {@link ApiException}s naming the field.
 */
final class JsonBody {
    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    static JsonBody of(Context ctx, Set<String> fields) throws ApiException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new ApiException(415, "the body must be JSON (Content-Type: application/json)");
        }
        JsonNode n;
        try {
            n = JsonViews.MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the body is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new ApiException(400, "the body must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                String shown = f.length() > 40 ? f.substring(0, 40) : f;
                throw new ApiException(400, "unknown field (allowed: " + fields + ")", shown);
            }
        }
        return new JsonBody(n);
    }

    /** A string field of at most {@code max} characters; empty when absent or null. */
    Optional<String> text(String field, int max) throws ApiException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new ApiException(400, field + ": must be a string", field);
        }
        if (v.textValue().length() > max) {
            throw new ApiException(400, field + ": must be at most " + max + " characters", field);
        }
        return Optional.of(v.textValue());
    }

    String required(String field, int max) throws ApiException {
        Optional<String> v = text(field, max);
        if (v.isEmpty() || v.get().isEmpty()) {
            throw new ApiException(400, field + ": is required", field);
        }
        return v.get();
    }
}
