package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.gatepost.hub.lists.ImportException;
import org.gatepost.hub.lists.ImportOutcome;
import org.gatepost.hub.lists.ImportReport;
import org.gatepost.hub.lists.InvalidPolicyException;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.lists.Lists;
import org.gatepost.hub.lists.Policy;
import org.gatepost.hub.lists.PolicyJson;
import org.gatepost.hub.lists.RowError;
import org.gatepost.hub.store.ListVersion;
import org.gatepost.hub.store.StoreException;

/**
 * The lists for the gates ({@code docs/api.md}, Lists): versions, residents, quarantine, blocked households and
 * badges (masked, never the hash), the policy, and CSV imports. Imports and policy changes are for operators and audited. Thread safe.
 */
final class ListRoutes {
    /** Largest CSV upload, in bytes (about 200,000 residents). */
    static final int MAX_UPLOAD = 32 * 1024 * 1024;
    /** Errors listed in one import answer; {@code errors_total} counts them all. */
    static final int MAX_ERRORS_SHOWN = 1000;

    private static final Pattern Q = Pattern.compile("[^\\p{Cntrl}]{1,64}");
    private static final Pattern BOOL = Pattern.compile("true|false");
    private static final Pattern ENCODING = Pattern.compile("(?i)utf-8|utf8|gbk");
    private static final Set<String> POLICY_TYPES = Set.of("application/json");

    private final Lists lists;

    ListRoutes(Lists lists) {
        this.lists = lists;
    }

    void versions(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of());
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        ArrayNode out = body.putArray("lists");
        for (ListVersion v : lists.versions()) {
            out.addObject()
                    .put("list", v.list())
                    .put("version", v.version())
                    .put("published_at", JsonViews.time(v.publishedAt()))
                    .put("items", v.items());
        }
        body.put("manifests_published", lists.publisher().manifestsPublished());
        ApiRoutes.send(ctx, 200, body);
    }

    void residents(Context ctx) throws BadRequestException, StoreException {
        items(ctx, "residents", lists::residents);
    }

    void quarantine(Context ctx) throws BadRequestException, StoreException {
        items(ctx, "quarantine", lists::quarantine);
    }

    void blocked(Context ctx) throws BadRequestException, StoreException {
        items(ctx, "blocked", lists::blocked);
    }

    void badges(Context ctx) throws BadRequestException, StoreException {
        items(ctx, "badges", lists::badges);
    }

    private interface Search {
        List<ObjectNode> find(Optional<String> q, int limit) throws StoreException;
    }

    private static void items(Context ctx, String name, Search search) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of("q", "limit"));
        Optional<String> q = QueryParams.matching(ctx, "q", Q, "1..64 characters of text");
        int limit = QueryParams.limit(ctx);
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        ArrayNode out = body.putArray(name);
        for (ObjectNode n : search.find(q, limit)) {
            n.remove("hash");
            out.add(n);
        }
        ApiRoutes.send(ctx, 200, body);
    }

    void policy(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of());
        ListVersion v = version(ListKind.POLICY);
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        body.put("version", v.version()).put("published_at", JsonViews.time(v.publishedAt()));
        body.set("policy", PolicyJson.write(lists.policy()));
        ApiRoutes.send(ctx, 200, body);
    }

    void setPolicy(Context ctx) throws ApiException, StoreException, BadRequestException {
        QueryParams.allowOnly(ctx, Set.of());
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (POLICY_TYPES.stream().noneMatch(type::startsWith)) {
            throw new ApiException(415, "the body must be JSON (Content-Type: application/json)");
        }
        JsonNode n;
        try {
            n = JsonViews.MAPPER.readTree(JsonBody.bytes(ctx));
        } catch (IOException e) {
            throw new ApiException(400, "the body is not valid JSON");
        }
        Policy p;
        try {
            p = PolicyJson.read(n);
        } catch (InvalidPolicyException e) {
            throw new ApiException(400, e.getMessage(), e.field());
        }
        lists.setPolicy(p, AuthFilter.session(ctx).name(), ClientAddress.of(ctx));
        policy(ctx);
    }

    void importResidents(Context ctx) throws ApiException, StoreException, BadRequestException {
        importCsv(ctx, ListKind.RESIDENTS);
    }

    void importQuarantine(Context ctx) throws ApiException, StoreException, BadRequestException {
        importCsv(ctx, ListKind.QUARANTINE);
    }

    void importBlocked(Context ctx) throws ApiException, StoreException, BadRequestException {
        importCsv(ctx, ListKind.BLOCKED);
    }

    void importBadges(Context ctx) throws ApiException, StoreException, BadRequestException {
        importCsv(ctx, ListKind.BADGES);
    }

    private void importCsv(Context ctx, ListKind kind) throws ApiException, StoreException, BadRequestException {
        QueryParams.allowOnly(ctx, Set.of("dry_run", "encoding"));
        boolean dryRun = QueryParams.matching(ctx, "dry_run", BOOL, "true or false")
                .map(Boolean::parseBoolean)
                .orElse(false);
        Optional<String> encoding = QueryParams.matching(ctx, "encoding", ENCODING, "utf-8 or gbk");
        ImportOutcome outcome;
        try {
            outcome = lists.importCsv(
                    kind, upload(ctx), encoding, dryRun, AuthFilter.session(ctx).name(), ClientAddress.of(ctx));
        } catch (ImportException e) {
            throw new ApiException(400, e.getMessage(), "file");
        }
        ImportReport r = outcome.report();
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        body.put("list", kind.wire());
        body.put("dry_run", dryRun);
        body.put("applied", outcome.applied().isPresent());
        if (outcome.applied().isPresent()) {
            body.put("version", outcome.applied().get().version());
        } else {
            body.putNull("version");
        }
        body.put("encoding", r.encoding());
        body.put("rows", r.rows());
        body.put("valid", r.valid());
        body.put("errors_total", r.errorsTotal());
        ArrayNode errors = body.putArray("errors");
        for (RowError e :
                r.errors().subList(0, Math.min(MAX_ERRORS_SHOWN, r.errors().size()))) {
            errors.addObject().put("row", e.row()).put("column", e.column()).put("problem", e.problem());
        }
        r.ignoredColumns().forEach(body.putArray("ignored_columns")::add);
        boolean ok = outcome.applied().isPresent() || dryRun && r.headerOk();
        ApiRoutes.send(ctx, ok ? 200 : 422, body);
    }

    /** The file: a multipart field {@code file}, or the whole body (text/csv, application/octet-stream). */
    private static byte[] upload(Context ctx) throws ApiException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        try {
            if (type.startsWith("multipart/form-data")) {
                UploadedFile f = ctx.uploadedFile("file");
                if (f == null) {
                    throw new ApiException(400, "the form has no field 'file'", "file");
                }
                try (InputStream in = f.content()) {
                    return limited(in, f.size());
                }
            }
            if (type.startsWith("text/csv")
                    || type.startsWith("application/octet-stream")
                    || type.startsWith("text/plain")) {
                return limited(ctx.req().getInputStream(), ctx.req().getContentLengthLong());
            }
        } catch (IOException e) {
            throw new ApiException(400, "the upload could not be read: " + e.getMessage(), "file");
        }
        throw new ApiException(
                415,
                "send the CSV file as the body (Content-Type: text/csv) or as the field 'file'"
                        + " of multipart/form-data");
    }

    /**
     * Reads at most {@link #MAX_UPLOAD} bytes into one array sized from {@code declared} (the Content-Length, or -1),
     * so a 32 MB file takes 32 MB, not the two or three times that of a growing buffer; a larger declared size is
     * refused before reading.
     */
    private static byte[] limited(InputStream in, long declared) throws IOException, ApiException {
        if (declared > MAX_UPLOAD) {
            throw tooLarge();
        }
        byte[] b = new byte[declared >= 0 ? (int) declared : 64 * 1024];
        int n = 0;
        while (true) {
            if (n == b.length) {
                int next = in.read();
                if (next < 0) {
                    return b;
                }
                if (b.length >= MAX_UPLOAD) {
                    throw tooLarge();
                }
                b = Arrays.copyOf(b, (int) Math.min(MAX_UPLOAD, Math.max(b.length * 2L, 64 * 1024)));
                b[n++] = (byte) next;
                continue;
            }
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                return n == b.length ? b : Arrays.copyOf(b, n);
            }
            n += r;
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "the file is larger than " + MAX_UPLOAD / (1024 * 1024) + " MB", "file");
    }

    private ListVersion version(ListKind kind) throws StoreException {
        return lists.versions().stream()
                .filter(v -> v.list().equals(kind.wire()))
                .findFirst()
                .orElseThrow(() -> new StoreException("no version of " + kind.wire()));
    }
}
