package io.planpulse.reporting.evaluation;

import static io.planpulse.reporting.testing.TestPlan.DEFINED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.local.KafkaBroker;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.plan.Baseline;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Direction;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.PlanSettings;
import io.planpulse.model.plan.Target;
import io.planpulse.model.plan.Trajectory;
import io.planpulse.model.plan.Window;
import io.planpulse.reporting.domain.Figures;
import io.planpulse.testing.EventPublisher;
import io.planpulse.testing.InjectKafkaBroker;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Readers;
import io.planpulse.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The evaluation report (DESIGN §7, "The evaluation report") of a plan whose window 2021–2025 has
 * ended by the test clock (2026-03-15): its final evaluation, read back as its readers will (the PDF
 * by pdftotext, the DOCX opened by LibreOffice), every figure of its table the progress API's under
 * the one rule; a department's part; a published round's; what is refused. Plan rep-eval is this
 * class's own: the database is shared.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class EvaluationTest {

    private static final String PLAN = "rep-eval";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant REPORTED = Instant.parse("2026-01-20T00:00:00Z");
    private static final String OFFICE = Tokens.token("planner", "DRC");
    /** The indicators in the table's order: the binding one first, then the plan's order. */
    private static final List<String> TABLE = List.of("E-GDP", "E-FAI", "E-TRAINS", "E-PROV");
    private static final Map<String, String> NAMES = Map.of("E-GDP", "地区生产总值", "E-FAI", "固定资产投资增长",
            "E-TRAINS", "中欧班列开行", "E-PROV", "全省生产总值增速");

    @InjectKafkaBroker
    KafkaBroker broker;

    private static boolean fed;

    @BeforeEach
    void feed() {
        if (fed) {
            return;
        }
        Indicator gdp = indicator("E-GDP", "亿元", IndicatorKind.LEVEL, "STATS", true, null, null, Trajectory.COMPOUND,
                new Baseline("2020", new BigDecimal("4700")), new Target("2025", null, null, new BigDecimal("6600")), null);
        Indicator fai = indicator("E-FAI", "%", IndicatorKind.GROWTH, "STATS", false, null, Input.RATE, null, null,
                new Target("2025", null, null, new BigDecimal("8")), null);
        Indicator trains = indicator("E-TRAINS", "列", IndicatorKind.CUMULATIVE, "TRANSPORT", false, Basis.PERIOD, null, null,
                null, new Target(null, "2021", "2025", new BigDecimal("1500")), null);
        Indicator prov = indicator("E-PROV", "%", IndicatorKind.SERIES, "STATS", false, null, null, null, null, null,
                new Window("2021", "2025"));
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined(PLAN, 1, "评估测试市第十四个五年规划纲要", "Evaluation test plan",
                    new Window("2021", "2025"), "Asia/Shanghai",
                    List.of(new Department("DRC", "发改委", null), new Department("STATS", "统计局", "Statistics bureau"),
                            new Department("TRANSPORT", "交通局", "Transport bureau")),
                    List.of(new PlanNode("economy", "经济发展", "Economy", List.of("E-GDP", "E-FAI"),
                                    List.of(new PlanNode("transport", "开放通道", "Open corridors", List.of("E-TRAINS"),
                                            List.of()))),
                            new PlanNode("benchmarks", "对标数据", "Benchmarks", List.of("E-PROV"), List.of())),
                    List.of("E-GDP", "E-FAI", "E-TRAINS", "E-PROV"), new PlanSettings("DRC", false, 15)), DEFINED);
            for (Indicator i : List.of(gdp, fai, trains, prov)) {
                publisher.indicator(new IndicatorDefined(i.id(), 1, PLAN, "Asia/Shanghai", List.of("economy"), i), DEFINED);
            }
            String[] gdpValues = {"5012.28", "5301.5", "5650.75", "6020.125", "6410.555"};
            String[] trainValues = {"300", "310.4", "290", "305", "320"};
            String[] provValues = {"8.1", "3.05", "6.45", "5.8", "5.2"};
            for (int y = 0; y < 5; y++) {
                String year = String.valueOf(2021 + y);
                publisher.report(report("E-GDP", year, 1, gdpValues[y], false, "STATS"));
                publisher.report(report("E-TRAINS", year, 1, trainValues[y], y == 4, "TRANSPORT"));
                publisher.report(report("E-PROV", year, 1, provValues[y], false, "STATS"));
            }
            publisher.report(report("E-FAI", "2025", 1, "7.25", false, "STATS"));
        }
        awaitActual("E-FAI", 7.25);
        awaitActual("E-GDP", 6410.555);
        awaitActual("E-TRAINS", 1525.4);
        awaitActual("E-PROV", 5.2);
        fed = true;
    }

    @Test
    void theFinalEvaluationReadsBackWithTheProgressApisFiguresInBothFormats() {
        byte[] pdf = report("format", "pdf").then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("rep-eval-final.pdf"))
                .extract().asByteArray();
        byte[] docx = report("format", "docx").then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                .extract().asByteArray();
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("PK", new String(docx, 0, 2, StandardCharsets.US_ASCII));

        String fonts = Readers.pdfFonts(pdf);
        assertTrue(fonts.contains("WenQuanYiMicroHei") && fonts.matches("(?s).*CID TrueType\\s+Identity-H\\s+yes\\s+yes.*"),
                "the CJK font is embedded, as a subset: " + fonts);

        for (byte[] read : List.of(pdf, Readers.docxToPdf(docx))) {
            List<String> pages = Readers.pdfPages(read);
            assertTrue(pages.size() >= 3, "a cover, the text, the appendix: " + pages.size() + " pages");
            for (int p = 0; p < pages.size(); p++) {
                assertFalse(pages.get(p).isBlank(), "page " + (p + 1) + " of " + pages.size() + " is blank");
            }
            String text = String.join("\n", pages);
            String prose = prose(text);
            assertTrue(prose.contains(prose("评估测试市第十四个五年规划纲要")) && prose.contains(prose("实施情况总结评估报告")), text);
            assertTrue(prose.contains(prose("一、总体情况")) && prose.contains(prose("纳入评价的 3 项指标中，已完成 1 项、未完成 2 项"))
                    && prose.contains(prose("监测指标 1 项")) && prose.contains(prose("约束性指标：1 项，未完成 1 项")), text);
            assertTrue(prose.contains(prose("地区生产总值（未完成）：差距 -189.44 亿元（占规划增量 -10.0%）")),
                    "the largest gap: " + text);
            assertTrue(prose.contains(prose("（一）经济发展")) && prose.contains("开放通道") && prose.contains("附录"), text);
            String table = table(text);
            for (String id : TABLE) {
                String row = row(table, id);
                for (String figure : figures(id)) {
                    assertTrue(row.contains(figure), id + "'s row shows " + figure + " as the progress API has it: " + row);
                }
            }
            assertTrue(table.contains("① 快报数"), "the provisional figure's footnote: " + table);
        }
    }

    @Test
    void aDepartmentsPartHoldsOnlyItsIndicatorsAndEnglishIsThereOnRequest() {
        List<String> pages = Readers.pdfPages(report("format", "pdf", "dept", "TRANSPORT", "lang", "en").then()
                .statusCode(200).extract().asByteArray());
        String text = String.join("\n", pages);
        assertTrue(text.contains("Evaluation test plan") && text.contains("final evaluation")
                && text.contains("Department: Transport bureau"), text);
        String table = text.substring(text.indexOf("2. The indicators"), text.indexOf("3. Progress by task"));
        assertTrue(table.contains("1,525") && !table.contains("6,410.56"), table);
        String submitted = String.join("\n", Readers.pdfPages(report("format", "pdf", "basis", "submitted", "type",
                "midterm").then().statusCode(200).extract().asByteArray()));
        assertTrue(prose(submitted).contains(prose("实施情况中期评估报告"))
                && prose(submitted).contains(prose("口径：报送口径（含待审核数据）")), submitted);
    }

    @Test
    void aPublishedRoundIsReportedAsItWasPublishedAndTheNextReportListsWhatChangedSince() {
        given().auth().oauth2(OFFICE).post("/api/v1/rounds/" + PLAN + "/2025").then().statusCode(201);
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.report(report("E-FAI", "2025", 2, "7.55", false, "STATS"));
        }
        awaitActual("E-FAI", 7.55);
        String round = String.join("\n", Readers.pdfPages(report("format", "pdf", "round", "2025").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("rep-eval-final-2025-v1.pdf"))
                .extract().asByteArray()));
        String published = row(table(round), "E-FAI");
        assertTrue(round.contains("2025 轮次第 1 版") && published.contains("7.3") && !published.contains("7.6"), round);
        String now = String.join("\n", Readers.pdfPages(report("format", "pdf").then().statusCode(200).extract()
                .asByteArray()));
        String changes = now.substring(now.indexOf("（二）与上一轮发布相比的变化"));
        assertTrue(changes.contains("2025 轮次第 1 版") && changes.contains("1 项指标") && changes.contains("7.3（2025）")
                && changes.contains("7.6（2025）"), changes);
    }

    @Test
    void badQueriesAreRefusedWithTheirCodes() {
        report("format", "html").then().statusCode(400).body("code", equalTo("INVALID_FORMAT"));
        report("basis", "guessed").then().statusCode(400).body("code", equalTo("BASIS_INVALID"));
        report("type", "weekly").then().statusCode(400).body("code", equalTo("TYPE_INVALID"));
        report("asOf", "yesterday").then().statusCode(400).body("code", equalTo("INVALID_AS_OF"));
        report("round", "2025", "asOf", "2026-01-01T00:00:00Z").then().statusCode(400).body("code", equalTo("ROUND_OR_AS_OF"));
        report("round", "2025", "basis", "submitted").then().statusCode(400).body("code", equalTo("ROUND_IS_OFFICIAL"));
        report("version", "2").then().statusCode(400).body("code", equalTo("ROUND_INVALID"));
        report("dept", "NOPE").then().statusCode(404);
        report("round", "2024").then().statusCode(404);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/evaluations/no-such-plan").then().statusCode(404);
        given().get("/api/v1/evaluations/" + PLAN).then().statusCode(401);
    }

    /** The figures an indicator's table row shows, from the progress API's document under the one rule. */
    private static List<String> figures(String id) {
        JsonNode d = progress(id);
        Figures f = Figures.of(d.path("kind").asText(), d.path("unit").asText());
        List<String> shown = new java.util.ArrayList<>(List.of(f.text(number(d, "actual")), "（" + d.path("period").asText()
                + "）", d.path("status").asText().equals("NO_TARGET") ? "监测指标" : label(d.path("status").asText())));
        if (number(d, "target") != null) {
            shown.add(f.text(number(d, "target")));
        }
        if (number(d, "progress") != null) {
            shown.add(Figures.percentOfShare(number(d, "progress")));
        }
        return shown;
    }

    /** The indicator table of a report's text, as laid out. */
    private static String table(String text) {
        return text.substring(text.indexOf("二、主要指标完成情况"), text.indexOf("三、分领域进展"));
    }

    /** An indicator's row of the table: from its name to the next indicator's (the table lists them in TABLE's order). */
    private static String row(String table, String id) {
        int i = TABLE.indexOf(id);
        int from = table.indexOf(NAMES.get(id));
        assertTrue(from >= 0, NAMES.get(id) + " is in the table: " + table);
        int to = i + 1 < TABLE.size() ? table.indexOf(NAMES.get(TABLE.get(i + 1))) : table.length();
        assertTrue(to > from, "the table lists " + TABLE + " in this order: " + table);
        return table.substring(from, to);
    }

    /**
     * The text without its white space: prose as a reader reads it across line breaks (a line may
     * break at a space the layout then drops, and indents lines).
     */
    private static String prose(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static String label(String status) {
        return io.planpulse.reporting.domain.Status.valueOf(status).zh();
    }

    /** The progress API's document, its numbers as the JSON writes them (not through a float). */
    private static JsonNode progress(String id) {
        String body = given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/indicators/" + id).then()
                .extract().asString();
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static Double number(JsonNode d, String field) {
        return d.path(field).isNumber() ? d.path(field).doubleValue() : null;
    }

    private static Response report(String... query) {
        var request = given().auth().oauth2(Tokens.viewer());
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/api/v1/evaluations/" + PLAN);
    }

    private static Indicator indicator(String id, String unit, IndicatorKind kind, String owner, boolean binding, Basis basis,
                                       Input input, Trajectory trajectory, Baseline baseline, Target target, Window window) {
        return new Indicator(id, NAMES.get(id), null, unit, null, kind, Grain.YEAR, Direction.UP, List.of(owner), binding,
                BigDecimal.ONE, kind.defaultRiskBand(), Grain.YEAR.defaultDueDays(), basis, input, trajectory, baseline,
                target, null, null, null, window, null);
    }

    private static ReportAccepted report(String id, String period, int revision, String value, boolean provisional,
                                         String dept) {
        return new ReportAccepted(id, period, revision, new BigDecimal(value), provisional, false, null, null, "统计公报",
                new ReportAccepted.ReportedBy(dept, "reporter-" + dept.toLowerCase(java.util.Locale.ROOT)), REPORTED, null);
    }

    private static void awaitActual(String id, double actual) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            Response r = given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/indicators/" + id);
            last = r.statusCode() == 200 ? (Object) number(progress(id), "actual") : r.statusCode();
            if (last instanceof Double n && n == actual) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError(id + "'s actual is " + last + ", not " + actual);
    }
}
