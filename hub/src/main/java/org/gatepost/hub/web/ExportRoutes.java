package org.gatepost.hub.web;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gatepost.hub.alert.BadgeNames;
import org.gatepost.hub.auth.Role;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.EntryRules;
import org.gatepost.hub.store.AlertAction;
import org.gatepost.hub.store.AlertActions;
import org.gatepost.hub.store.AlertQuery;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.EntryKey;
import org.gatepost.hub.store.EntryQuery;
import org.gatepost.hub.store.EntrySearch;
import org.gatepost.hub.store.EntryView;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV downloads of entries and alerts ({@code /api/export/*.csv}): the same filters as the lists, no limit,
 * oldest first, UTF-8 with a byte order mark. Rows are read in pages of {@value #PAGE}, so a large export
 * neither holds the database nor fills memory. Thread safe.
 */
final class ExportRoutes {
    private static final Logger log = LoggerFactory.getLogger(ExportRoutes.class);
    static final int PAGE = 1000;
    static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private final EntrySearch entries;
    private final AlertActions alerts;
    private final Clock clock;
    private final BadgeNames names;

    ExportRoutes(EntrySearch entries, AlertActions alerts, Clock clock, BadgeNames names) {
        this.entries = entries;
        this.alerts = alerts;
        this.clock = clock;
        this.names = names;
    }

    void entries(Context ctx) throws BadRequestException, StoreException, IOException {
        QueryParams.allowOnly(ctx, EntryRoutes.FILTER_PARAMS);
        entriesCsv(ctx, EntryRoutes.query(ctx), "entries");
    }

    /**
     * Sends the entries of {@code q} as the entries export does (same columns), as the download
     * {@code gatepost-<what>-<time>.csv}; returns the rows written. Also the tracing export ({@link TraceRoutes}).
     */
    long entriesCsv(Context ctx, EntryQuery q, String what) throws StoreException, IOException {
        List<EntryView> page = entries.entriesAfter(q, Optional.empty(), PAGE);
        try (Writer w = start(ctx, what)) {
            Csv csv = new Csv(w);
            csv.bom();
            csv.row(
                    "id",
                    "gate",
                    "epoch",
                    "seq",
                    "received_at",
                    "at",
                    "clock_synced",
                    "credential_kind",
                    "credential_masked",
                    "body_c",
                    "object_c",
                    "ambient_c",
                    "offset_c",
                    "samples",
                    "decision",
                    "threshold_c",
                    "admitted",
                    "direction",
                    "reader",
                    "person_role",
                    "household",
                    "quarantined",
                    "mask",
                    "on_duty",
                    "visitor_name",
                    "visitor_phone",
                    "visitor_visiting",
                    "visitor_reason",
                    "override_of",
                    "override_reason",
                    "override_by");
            boolean fullPhone = AuthFilter.session(ctx).role() == Role.OPERATOR;
            long rows = 0;
            while (!page.isEmpty()) {
                for (EntryView e : page) {
                    EntryMessage.Temperature t = e.temperature();
                    Object[] base = {
                        e.id(),
                        e.gate(),
                        e.epoch(),
                        e.seq(),
                        JsonViews.time(e.receivedAt()),
                        JsonViews.time(e.at()),
                        e.clockSynced(),
                        e.credentialKind(),
                        e.credentialMasked(),
                        t == null ? null : t.bodyC(),
                        t == null ? null : t.objectC(),
                        t == null ? null : t.ambientC(),
                        t == null ? null : t.offsetC(),
                        t == null ? null : t.samples(),
                        e.decision(),
                        e.thresholdC()
                    };
                    csv.row(Stream.concat(Arrays.stream(base), Arrays.stream(ruleCells(e, fullPhone)))
                            .toArray());
                }
                rows += page.size();
                if (page.size() < PAGE) {
                    break;
                }
                Optional<EntryKey> last = Optional.of(EntryKey.of(page.get(page.size() - 1)));
                page = nextPage(csv, what, () -> entries.entriesAfter(q, last, PAGE));
            }
            log.info(
                    "event=export what={} rows={} user={}",
                    what,
                    rows,
                    AuthFilter.session(ctx).name());
            return rows;
        }
    }

    /** The rule columns: names of those on duty, never their hashes; the full phone for operators only. */
    private Object[] ruleCells(EntryView e, boolean fullPhone) {
        EntryRules r = e.rules();
        EntryRules.Person p = r == null ? null : r.person();
        EntryRules.Visitor v = r == null ? null : r.visitor();
        EntryRules.Override o = r == null ? null : r.override();
        return new Object[] {
            e.admitted(),
            r == null ? null : r.direction(),
            r == null ? null : r.reader(),
            p == null ? null : p.role(),
            p == null ? null : p.household(),
            p == null ? null : p.quarantined(),
            r == null ? null : r.mask(),
            String.join("; ", RuleViews.dutyNames(e, names)),
            v == null ? null : v.name(),
            v == null ? null : fullPhone ? v.phone() : v.maskedPhone(),
            v == null ? null : v.visiting(),
            v == null ? null : v.reason(),
            o == null ? null : o.of(),
            o == null ? null : o.reason(),
            o == null ? null : RuleViews.name(o.by(), names)
        };
    }

    void alerts(Context ctx) throws BadRequestException, StoreException, IOException {
        QueryParams.allowOnly(ctx, AlertRoutes.FILTER_PARAMS);
        AlertQuery q = AlertRoutes.query(ctx);
        List<AlertView> page = alerts.alertsAfter(q, 0, PAGE);
        try (Writer w = start(ctx, "alerts")) {
            Csv csv = new Csv(w);
            csv.bom();
            csv.row(
                    "id",
                    "raised_at",
                    "kind",
                    "severity",
                    "gate",
                    "entry_id",
                    "message",
                    "acknowledged_at",
                    "acknowledged_by",
                    "acknowledge_note",
                    "resolved_at",
                    "resolved_by",
                    "resolve_note");
            long rows = 0;
            while (!page.isEmpty()) {
                List<AlertAction> actions =
                        alerts.actions(page.stream().map(AlertView::id).toList());
                for (AlertView a : page) {
                    Optional<AlertAction> ack = last(actions, a.id(), AlertAction.ACKNOWLEDGE);
                    Optional<AlertAction> res = last(actions, a.id(), AlertAction.RESOLVE);
                    csv.row(
                            a.id(),
                            JsonViews.time(a.raisedAt()),
                            a.kind(),
                            a.severity(),
                            a.gate(),
                            a.entryId(),
                            a.message(),
                            JsonViews.time(a.acknowledgedAt()),
                            a.acknowledgedBy(),
                            ack.map(AlertAction::note).orElse(null),
                            JsonViews.time(a.resolvedAt()),
                            res.map(AlertAction::actor).orElse(null),
                            res.map(AlertAction::note).orElse(null));
                }
                rows += page.size();
                if (page.size() < PAGE) {
                    break;
                }
                long lastId = page.get(page.size() - 1).id();
                page = nextPage(csv, "alerts", () -> alerts.alertsAfter(q, lastId, PAGE));
            }
            log.info(
                    "event=export what=alerts rows={} user={}",
                    rows,
                    AuthFilter.session(ctx).name());
        }
    }

    private Writer start(Context ctx, String what) {
        String file =
                "gatepost-" + what + "-" + FILE_TIME.format(clock.instant().atZone(clock.getZone())) + ".csv";
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        return new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    }

    private interface PageRead<T> {
        List<T> read() throws StoreException;
    }

    /** After the first page the status line is sent: a failure can only be told in the file itself. */
    private static <T> List<T> nextPage(Csv csv, String what, PageRead<T> read) throws IOException {
        try {
            return read.read();
        } catch (StoreException e) {
            log.error("event=export-failed-midway what={} reason={}", what, e.getMessage());
            csv.row("export incomplete: the database failed while reading; try again");
            return List.of();
        }
    }

    private static Optional<AlertAction> last(List<AlertAction> actions, long alertId, String action) {
        AlertAction found = null;
        for (AlertAction a : actions) {
            if (a.alertId() == alertId && a.action().equals(action)) {
                found = a;
            }
        }
        return Optional.ofNullable(found);
    }
}
