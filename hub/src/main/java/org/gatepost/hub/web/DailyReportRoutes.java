package org.gatepost.hub.web;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.gatepost.hub.store.DutyLog;
import org.gatepost.hub.store.EntrySearch;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/reports/daily.xlsx} and {@code GET /api/reports/daily.csv}: the {@link DailyReport} in its
 * fixed format (docs/reports.md), for every signed-in role, days of the hub's zone (its clock's zone). The
 * workbook is written through POI's streaming {@link SXSSFWorkbook}, which keeps {@value #ROWS_IN_MEMORY} rows
 * in memory. Thread safe.
 */
final class DailyReportRoutes {
    private static final Logger log = LoggerFactory.getLogger(DailyReportRoutes.class);
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The sheet's name: at most 31 characters, none of {@code : \ / ? * [ ]}. */
    static final String SHEET = "日报 Daily";

    static final int ROWS_IN_MEMORY = 100;
    private static final Set<String> PARAMS = Set.of("from", "to");
    private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final EntrySearch search;
    private final DutyLog duty;
    private final Clock clock;

    DailyReportRoutes(EntrySearch search, DutyLog duty, Clock clock) {
        this.search = search;
        this.duty = duty;
        this.clock = clock;
    }

    void xlsx(Context ctx) throws BadRequestException, StoreException, IOException {
        Range range = range(ctx);
        List<DailyReport.Row> rows =
                DailyReport.build(search, duty, clock.getZone(), clock.instant(), range.from(), range.to());
        start(ctx, range, "xlsx", XLSX);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
            SXSSFSheet sheet = wb.createSheet(SHEET);
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            SXSSFRow header = sheet.createRow(0);
            for (int i = 0; i < DailyReport.HEADER.size(); i++) {
                header.createCell(i).setCellValue(DailyReport.HEADER.get(i));
                header.getCell(i).setCellStyle(bold);
                sheet.setColumnWidth(i, i < 2 ? 16 * 256 : 14 * 256);
            }
            sheet.createFreezePane(0, 1);
            int r = 1;
            for (DailyReport.Row row : rows) {
                SXSSFRow x = sheet.createRow(r++);
                List<Object> cells = row.cells();
                for (int i = 0; i < cells.size(); i++) {
                    if (cells.get(i) instanceof Long n) {
                        x.createCell(i).setCellValue(n);
                    } else {
                        x.createCell(i).setCellValue((String) cells.get(i));
                    }
                    if (row.gate() == null) {
                        x.getCell(i).setCellStyle(bold);
                    }
                }
            }
            wb.write(ctx.outputStream());
        }
        log.info(
                "event=report-daily format=xlsx from={} to={} rows={} user={}",
                range.from(),
                range.to(),
                rows.size(),
                AuthFilter.session(ctx).name());
    }

    void csv(Context ctx) throws BadRequestException, StoreException, IOException {
        Range range = range(ctx);
        List<DailyReport.Row> rows =
                DailyReport.build(search, duty, clock.getZone(), clock.instant(), range.from(), range.to());
        start(ctx, range, "csv", "text/csv; charset=utf-8");
        try (Writer w = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
            Csv csv = new Csv(w);
            csv.bom();
            csv.row(DailyReport.HEADER.toArray());
            for (DailyReport.Row row : rows) {
                csv.row(row.cells().toArray());
            }
        }
        log.info(
                "event=report-daily format=csv from={} to={} rows={} user={}",
                range.from(),
                range.to(),
                rows.size(),
                AuthFilter.session(ctx).name());
    }

    /** Days, inclusive; by default the last 7 up to today in the hub's zone. */
    record Range(LocalDate from, LocalDate to) {}

    private Range range(Context ctx) throws BadRequestException {
        QueryParams.allowOnly(ctx, PARAMS);
        LocalDate to = QueryParams.date(ctx, "to").orElse(LocalDate.now(clock));
        LocalDate from = QueryParams.date(ctx, "from").orElse(to.minusDays(ReportRoutes.DEFAULT_DAYS - 1));
        if (from.isAfter(to)) {
            throw new BadRequestException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= DailyReport.MAX_DAYS) {
            throw new BadRequestException(
                    "to",
                    "the range may span at most " + DailyReport.MAX_DAYS + " days, from " + from + " to "
                            + from.plusDays(DailyReport.MAX_DAYS - 1));
        }
        return new Range(from, to);
    }

    /** {@code gatepost-daily-20261207-20261208.xlsx}: the first and last day of the report. */
    static String fileName(Range range, String extension) {
        return "gatepost-daily-" + FILE_DAY.format(range.from()) + "-" + FILE_DAY.format(range.to()) + "." + extension;
    }

    private static void start(Context ctx, Range range, String extension, String type) {
        ctx.contentType(type);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(range, extension) + "\"");
    }
}
