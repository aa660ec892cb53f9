package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's JSON object body, validated: {@code Content-Type: application/json} (which a cross-site form
 * cannot send without a CORS preflight the hub never grants), an object, only known fields, text fields as
 * strings of bounded length, at most {@value #MAX_BYTES} bytes. Failures are 400, 408, 413 or 415
 * {@link ApiException}s, naming the field where there is one.
 */
final class JsonBody {
    /** The largest JSON body read (1 MB). */
    static final int MAX_BYTES = 1_000_000;
    /** From the handler's first read: a JSON body still incomplete then is refused and its connection closed. */
    static final Duration BODY_DEADLINE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(JsonBody.class);

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
            n = JsonViews.MAPPER.readTree(bytes(ctx));
        } catch (IOException e) {
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

    /**
     * The request body, at most {@value #MAX_BYTES} bytes: 413 above (refused on its Content-Length before reading
     * when it declares one); 408 when it stops arriving (Jetty's idle timeout), is not complete within
     * {@link #BODY_DEADLINE} (the connection is closed), or the client goes away.
     */
    static byte[] bytes(Context ctx) throws ApiException {
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] b;
        Request base = Request.getBaseRequest(ctx.req());
        // A client trickling bytes never trips the idle timeout: close the connection at the deadline instead.
        Scheduler.Task deadline = base == null
                ? null
                : base.getHttpChannel()
                        .getScheduler()
                        .schedule(
                                () -> base.getHttpChannel().getEndPoint().close(),
                                BODY_DEADLINE.toMillis(),
                                TimeUnit.MILLISECONDS);
        try (InputStream in = ctx.req().getInputStream()) {
            b = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | BadMessageException e) {
            log.debug(
                    "event=request-body-not-read path={} remote={} reason=\"{}\"",
                    ctx.path(),
                    ClientAddress.of(ctx),
                    e.toString());
            throw new ApiException(408, "the request body did not arrive in time");
        } finally {
            if (deadline != null) {
                deadline.cancel();
            }
        }
        if (b.length > MAX_BYTES) {
            throw tooLarge();
        }
        return b;
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "the body is larger than " + MAX_BYTES + " bytes");
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

    /** The field's raw value, or null when absent. */
    JsonNode node(String field) {
        return node.get(field);
    }

    String required(String field, int max) throws ApiException {
        Optional<String> v = text(field, max);
        if (v.isEmpty() || v.get().isEmpty()) {
            throw new ApiException(400, field + ": is required", field);
        }
        return v.get();
    }
}
