package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.lists.CsvParser;
import org.gatepost.hub.shift.DutyEntries;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.TestDatabases;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The daily report ({@code /api/reports/daily.xlsx}, {@code .csv}) read back: the workbook with POI, the CSV with
 * the hub's own CSV parser, cell by cell, for a fixture of two gates over two days of a hub in Asia/Shanghai whose
 * clock is UTC. Shanghai's midnight between the days is 16:00Z: an entry at 15:59:59Z counts on the 7th, one at
 * 16:00:00Z on the 8th. Entries are stored with the receive times given (the report counts by receive time);
 * shifts come from sign-in and sign-out entries at the gates' times.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(Backend.class)
class DailyReportApiTest {
    @Parameter
    Backend backend;

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 00:30 on 8 December in Shanghai, still the 7th in UTC. */
    private static final Instant NOW = Instant.parse("2026-12-07T16:30:00Z");

    private static final String NORTH = "north-gate";
    private static final String SOUTH = "south-gate";
    private static final String RANGE = "?from=2026-12-07&to=2026-12-08";

    private static final List<String> HEADER = List.of(
            "日期 Day",
            "卡口 Gate",
            "进入 In",
            "外出 Out",
            "方向不明 Direction unknown",
            "记录总数 Entries",
            "发热 Fevers",
            "复测 Retests",
            "隔离人员外出 Quarantine breaches",
            "访客 Visitors",
            "特批放行 Overrides",
            "在岗志愿者 Volunteers on duty");
    /** day, gate, in, out, unknown, entries, fevers, retests, quarantine breaches, visitors, overrides, on duty. */
    private static final List<List<Object>> EXPECTED = List.of(
            List.of("2026-12-07", NORTH, 2L, 1L, 0L, 8L, 1L, 1L, 0L, 0L, 0L, 2L),
            List.of("2026-12-07", SOUTH, 1L, 0L, 1L, 2L, 0L, 0L, 0L, 1L, 0L, 0L),
            List.of("2026-12-07", "合计 Total", 3L, 1L, 1L, 10L, 1L, 1L, 0L, 1L, 0L, 2L),
            List.of("2026-12-08", NORTH, 0L, 2L, 0L, 3L, 0L, 0L, 1L, 0L, 1L, 1L),
            List.of("2026-12-08", SOUTH, 1L, 0L, 0L, 2L, 1L, 0L, 0L, 0L, 0L, 1L),
            List.of("2026-12-08", "合计 Total", 1L, 2L, 0L, 5L, 1L, 0L, 1L, 0L, 1L, 2L));

    private WebFixture web;
    private ApiSession admin;
    private ApiSession observer;

    @BeforeParameterizedClassInvocation
    void start(Backend backend) throws Exception {
        web = new WebFixture(
                databases.settings(backend), Optional.of(TestHubs.ADMIN_PASSWORD), Clock.fixed(NOW, SHANGHAI));
        admin = web.admin();
        observer = web.account("street-office", "observer");
        DutyEntries north = new DutyEntries(null, NORTH);
        DutyEntries south = new DutyEntries(null, SOUTH);
        String resident = DutyEntries.RESIDENT;
        // 23:59 on 6 December in Shanghai: before the range.
        store(north, 1, "2026-12-06T15:59:00Z", "admit", resident, "resident", "in", true);
        // 7 December in Shanghai (16:00Z on the 6th to 16:00Z on the 7th).
        store(north, 2, "2026-12-07T00:30:00Z", "sign-in", DutyEntries.WANG, "volunteer", null, false);
        store(north, 3, "2026-12-07T01:00:00Z", "admit", resident, "resident", "in", true);
        store(north, 4, "2026-12-07T02:00:00Z", "admit", resident, "resident", "out", true);
        store(north, 5, "2026-12-07T03:00:00Z", "deny-fever", resident, "resident", "out", false);
        store(north, 6, "2026-12-07T03:01:00Z", "retest", resident, "resident", "out", false);
        store(north, 7, "2026-12-07T10:00:00Z", "sign-out", DutyEntries.WANG, "volunteer", null, false);
        store(north, 8, "2026-12-07T15:00:00Z", "sign-in", DutyEntries.ZHAO, "staff", null, false);
        store(north, 9, "2026-12-07T15:59:59Z", "admit", resident, "resident", "in", true);
        store(south, 1, "2026-12-07T05:00:00Z", "visitor", resident, "visitor", "in", true);
        store(south, 2, "2026-12-07T06:00:00Z", "admit", resident, "resident", null, true);
        // 8 December in Shanghai, from 16:00Z on the 7th.
        store(north, 10, "2026-12-07T16:00:00Z", "admit", resident, "resident", "out", true);
        store(north, 11, "2026-12-07T16:05:00Z", "deny-quarantine", resident, "resident", "out", false);
        store(north, 12, "2026-12-07T16:06:00Z", "override", resident, "resident", "out", true);
        store(south, 3, "2026-12-07T16:10:00Z", "sign-in", DutyEntries.WANG, "volunteer", null, false);
        store(south, 4, "2026-12-07T16:15:00Z", "deny-fever", resident, "resident", "in", true); // soft enforcement
    }

    private void store(
            DutyEntries gate,
            long seq,
            String at,
            String decision,
            String number,
            String role,
            String direction,
            boolean admitted)
            throws Exception {
        ObjectNode n = gate.entry(seq, at, decision, number, role);
        n.put("admitted", admitted);
        if (direction == null) {
            n.putNull("direction");
        } else {
            n.put("direction", direction);
        }
        switch (decision) {
            case "retest" -> n.putObject("retest").put("rest_s", 300).put("first_seq", seq);
            case "visitor" ->
                n.set("visitor", Contract.json("entry-visitor.json").get("visitor"));
            case "override" ->
                n.set("override", Contract.json("entry-override.json").get("override"));
            default -> {}
        }
        String gateId = n.get("gate").textValue();
        web.store.commitEntry(
                ContractJson.parseEntry(n.toString().getBytes(StandardCharsets.UTF_8), gateId),
                Instant.parse(at),
                List.of());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        web.close();
    }

    @Test
    void theWorkbookReadBackHasTheFixedHeaderAndEveryCellOfTwoGatesOverTwoShanghaiDays() throws Exception {
        HttpResponse<byte[]> r = admin.getBytes("/api/reports/daily.xlsx" + RANGE);

        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(
                DailyReportRoutes.XLSX, r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(
                "attachment; filename=\"gatepost-daily-20261207-20261208.xlsx\"",
                r.headers().firstValue("Content-Disposition").orElse(""));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            assertEquals(1, wb.getNumberOfSheets());
            XSSFSheet sheet = wb.getSheet("日报 Daily");
            assertEquals(HEADER, cells(sheet.getRow(0)));
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                rows.add(cells(sheet.getRow(i)));
            }
            assertEquals(EXPECTED, rows);
            assertEquals(CellType.STRING, sheet.getRow(1).getCell(0).getCellType(), "the day is text, as written");
            assertEquals(CellType.STRING, sheet.getRow(1).getCell(1).getCellType());
            for (int c = 2; c < HEADER.size(); c++) {
                assertEquals(CellType.NUMERIC, sheet.getRow(1).getCell(c).getCellType(), "counts are numbers");
            }
            assertTrue(sheet.getPaneInformation().isFreezePane(), "the header stays in view");
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition());
            assertTrue(wb.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex())
                    .getBold());
            assertTrue(
                    wb.getFontAt(sheet.getRow(3).getCell(2).getCellStyle().getFontIndex())
                            .getBold(),
                    "total");
            assertTrue(
                    !wb.getFontAt(sheet.getRow(1).getCell(2).getCellStyle().getFontIndex())
                            .getBold(),
                    "gate");
        }
    }

    private static List<Object> cells(Row row) {
        List<Object> out = new ArrayList<>();
        for (Cell c : row) {
            out.add(
                    c.getCellType() == CellType.NUMERIC
                            ? (Object) (long) c.getNumericCellValue()
                            : c.getStringCellValue());
        }
        return out;
    }

    @Test
    void theCsvReadBackIsUtf8WithABomAndHasTheSameCells() throws Exception {
        HttpResponse<byte[]> r = observer.getBytes("/api/reports/daily.csv" + RANGE);

        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(
                "text/csv; charset=utf-8",
                r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(
                "attachment; filename=\"gatepost-daily-20261207-20261208.csv\"",
                r.headers().firstValue("Content-Disposition").orElse(""));
        byte[] b = r.body();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(b[0], b[1], b[2]));
        String text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "rows end in CRLF");
        List<CsvParser.Row> rows = CsvParser.parse(text, 100);
        assertEquals(HEADER, rows.get(0).fields());
        List<List<String>> expected = EXPECTED.stream()
                .map(row -> row.stream().map(String::valueOf).toList())
                .toList();
        assertEquals(
                expected,
                rows.subList(1, rows.size()).stream().map(CsvParser.Row::fields).toList());
    }

    @Test
    void theDefaultRangeIsTheLastSevenDaysUpToTodayInShanghaiWithEveryGateOnEveryDay() throws Exception {
        HttpResponse<byte[]> r = admin.getBytes("/api/reports/daily.csv");

        assertEquals(200, r.statusCode());
        assertEquals(
                "attachment; filename=\"gatepost-daily-20261202-20261208.csv\"",
                r.headers().firstValue("Content-Disposition").orElse(""),
                "today is the 8th in Shanghai though the 7th in UTC");
        List<CsvParser.Row> rows = CsvParser.parse(new String(r.body(), StandardCharsets.UTF_8).substring(1), 100);
        assertEquals(1 + 7 * 3, rows.size(), "a header, then two gates and a total on each of 7 days");
        assertEquals(
                Arrays.asList("2026-12-02", NORTH, "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"),
                rows.get(1).fields());
        assertEquals(
                Arrays.asList("2026-12-06", "合计 Total", "1", "0", "0", "1", "0", "0", "0", "0", "0", "0"),
                rows.get(15).fields(),
                "23:59 on the 6th in Shanghai");
    }

    @Test
    void anOpenShiftIsOnDutyUntilNowNotOnDaysStillToCome() throws Exception {
        HttpResponse<byte[]> r = admin.getBytes("/api/reports/daily.csv?from=2026-12-08&to=2026-12-09");

        assertEquals(200, r.statusCode());
        List<List<String>> rows =
                CsvParser.parse(new String(r.body(), StandardCharsets.UTF_8).substring(1), 100).stream()
                        .map(CsvParser.Row::fields)
                        .toList();
        assertEquals(
                EXPECTED.get(3).stream().map(String::valueOf).toList(),
                rows.get(1),
                "赵强 signed in at 23:00 on the 7th and is still on duty");
        assertEquals(
                List.of("2026-12-09", NORTH, "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"),
                rows.get(4),
                "the 9th has not begun in Shanghai");
        assertEquals(List.of("2026-12-09", "合计 Total", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"), rows.get(6));
    }

    @Test
    void bothRolesMayDownloadAndNobodySignedOutMay() throws Exception {
        for (String path : List.of("/api/reports/daily.xlsx", "/api/reports/daily.csv")) {
            assertEquals(200, admin.getBytes(path + RANGE).statusCode(), path);
            assertEquals(200, observer.getBytes(path + RANGE).statusCode(), path);
            HttpResponse<String> anonymous = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path + RANGE))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), path);
        }
    }

    @Test
    void aRangeOfAtMost92DaysIsServedAndABadRangeIsA400NamingTheParameter() {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> longest = admin.getBytes("/api/reports/daily.xlsx?from=2026-09-08&to=2026-12-08");
        System.out.printf(
                "daily report backend=%s days=92 rows=%d format=xlsx bytes=%d ms=%d%n",
                backend, 92 * 3, longest.body().length, (System.nanoTime() - t0) / 1_000_000);
        assertEquals(200, longest.statusCode(), "92 days");
        assertEquals(
                200,
                admin.getBytes("/api/reports/daily.csv?from=2026-09-08&to=2026-12-08")
                        .statusCode(),
                "92 days");
        assertBadRequest(
                "/api/reports/daily.xlsx?from=2026-09-07&to=2026-12-08",
                "to",
                "to: the range may span at most 92 days, from 2026-09-07 to 2026-12-07");
        assertBadRequest("/api/reports/daily.csv?from=2026-12-08&to=2026-12-07", "to", "to: must not be before from");
        assertBadRequest(
                "/api/reports/daily.csv?from=2026-12-32",
                "from",
                "from: must be a day like 2026-11-28, got '2026-12-32'");
        assertEquals(
                "gate",
                badRequest("/api/reports/daily.xlsx?gate=north-gate")
                        .get("parameter")
                        .textValue());
    }

    private void assertBadRequest(String path, String parameter, String error) {
        JsonNode body = badRequest(path);
        assertEquals(parameter, body.get("parameter").textValue(), path);
        assertEquals(error, body.get("error").textValue(), path);
    }

    private JsonNode badRequest(String path) {
        HttpResponse<String> r = admin.get(path);
        assertEquals(400, r.statusCode(), path + " " + r.body());
        try {
            return new ObjectMapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }
}
