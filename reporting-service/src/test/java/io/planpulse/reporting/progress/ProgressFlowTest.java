package io.planpulse.reporting.progress;

import static io.planpulse.reporting.testing.TestPlan.DEFINED;
import static io.planpulse.reporting.testing.TestPlan.GDP;
import static io.planpulse.reporting.testing.TestPlan.PROV;
import static io.planpulse.reporting.testing.TestPlan.REL;
import static io.planpulse.reporting.testing.TestPlan.REPORTED;
import static io.planpulse.reporting.testing.TestPlan.TRAINS;
import static io.planpulse.reporting.testing.TestPlan.indicator;
import static io.planpulse.reporting.testing.TestPlan.publishPlan;
import static io.planpulse.reporting.testing.TestPlan.report;
import static io.planpulse.testing.TopicReader.header;
import static io.planpulse.testing.TopicReader.ofKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.local.KafkaBroker;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.ReportReviewed;
import io.planpulse.model.event.ReviewState;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.PlanSettings;
import io.planpulse.model.plan.Target;
import io.planpulse.model.plan.Window;
import io.planpulse.reporting.testing.BoardSession;
import io.planpulse.testing.EventPublisher;
import io.planpulse.testing.InjectKafkaBroker;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan and the reports come in on their topics; progress is served and published, a correction
 * raises an alert, and as-of queries see only what was known then. The clock is 2026-03-15.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class ProgressFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaBroker
    KafkaBroker broker;

    private static ValidatableResponse progress(String id) {
        return given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/indicators/" + id).then();
    }

    private static void awaitStatus(String id, String status) {
        awaitProgress(id, status, null);
    }

    /** Waits until the indicator has the status, and the revision when one is named. */
    private static void awaitProgress(String id, String status, Integer revision) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            var response = given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/indicators/" + id);
            last = response.asString();
            if (response.statusCode() == 200 && status.equals(response.path("status"))
                    && (revision == null || response.path("revision") instanceof Number n && n.intValue() == revision)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError(id + " is " + last + ", not " + status + (revision == null ? "" : " at revision " + revision));
    }

    @BeforeEach
    void feed() {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publishPlan(publisher);
            publisher.report(report("R-TRAINS", "2021-01", 1, "110", REPORTED));
            publisher.report(report("R-TRAINS", "2021-02", 1, "95", REPORTED));
            publisher.report(report("R-TRAINS", "2021-03", 1, "160", REPORTED));
            publisher.report(report("R-GDP", "2022", 1, "5400", REPORTED));
            publisher.report(report("R-REL", "2021", 1, "10.5", REPORTED));
            publisher.report(report("R-REL", "2022", 1, "6.0", REPORTED));
            publisher.report(report("R-PROV", "2021", 1, "8.5", REPORTED));
        }
        awaitStatus("R-REL", "ON_TRACK");
        awaitStatus("R-GDP", "ON_TRACK");
    }

    @Test
    void theLateGaugeCountsThePlansLateIndicators() throws Exception {
        awaitStatus("R-TRAINS", "AT_RISK");
        long late = 0;
        for (Indicator i : List.of(TRAINS, GDP, PROV, REL)) {
            if (progress(i.id()).extract().<Boolean>path("late")) {
                late++;
            }
        }
        assertTrue(late >= 1, "R-TRAINS is late");
        Pattern gauge = Pattern.compile("(?m)^planpulse_progress_late_indicators\\{plan=\"rep-test\"} (\\S+)$");
        double reported = -1;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reported != late && System.nanoTime() < deadline) {
            Matcher m = gauge.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
            reported = m.find() ? Double.parseDouble(m.group(1)) : -1;
            Thread.sleep(500);
        }
        assertEquals(late, reported, "the gauge the late-reports alert reads");
    }

    @Test
    void progressIsComputedServedAndPublished() throws Exception {
        awaitStatus("R-TRAINS", "AT_RISK");
        progress("R-TRAINS").statusCode(200)
                .body("planId", equalTo("rep-test"))
                .body("kind", equalTo("CUMULATIVE"))
                .body("period", equalTo("2021-03"))
                .body("actual", closeTo(365, 1e-9))
                .body("gap", closeTo(365 / 1500.0 - 0.25, 1e-9))
                .body("forecast", closeTo(1460, 1e-9))
                .body("late", equalTo(true))
                .body("explanation.zh", org.hamcrest.Matchers.containsString("365"));
        progress("R-GDP").statusCode(200)
                .body("expected", closeTo(4700 * Math.pow(6600 / 4700.0, 0.4), 1e-9))
                .body("requiredRate", closeTo((Math.pow(6600 / 5400.0, 1 / 3.0) - 1) * 100, 1e-9));
        progress("R-REL").statusCode(200)
                .body("period", equalTo("2021"))
                .body("actual", closeTo(2.0, 1e-9))
                .body("awaitingBenchmark", equalTo(true));
        progress("R-PROV").statusCode(200).body("status", equalTo("NO_TARGET"));

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.INDICATOR_PROGRESS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> ofKey(r, "R-TRAINS").stream()
                    .anyMatch(x -> x.value() != null && "AT_RISK".equals(status(x))), WAIT);
            ConsumerRecord<String, byte[]> last = ofKey(records, "R-TRAINS").get(ofKey(records, "R-TRAINS").size() - 1);
            assertEquals("planpulse.progress.updated", header(last, "ce_type"));
            assertEquals("/planpulse/reporting-service", header(last, "ce_source"));
            JsonNode doc = JSON.readTree(last.value());
            assertEquals(365, doc.get("actual").asDouble(), 1e-9);
            assertEquals(Integer.parseInt(header(last, "version")), doc.get("version").asInt());
        }
    }

    @Test
    void aCorrectionChangesTheStatusRaisesAnAlertAndAsOfStillSeesThePast() {
        Indicator fix = indicator("R-FIX", IndicatorKind.CUMULATIVE, Grain.MONTH, Basis.PERIOD, null, null, null,
                new Target("2021", null, null, new BigDecimal("1500")), null, null);
        Instant corrected = Instant.parse("2026-03-10T00:00:00Z");
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined("rep-fix", 1, "更正测试", null, new Window("2021", "2025"), "Asia/Shanghai",
                    List.of(new Department("STATS", "统计局", null)),
                    List.of(new PlanNode("all", "全部", null, List.of("R-FIX"), List.of())), List.of("R-FIX"), null), DEFINED);
            publisher.indicator(new IndicatorDefined("R-FIX", 1, "rep-fix", "Asia/Shanghai", List.of("all"), fix), DEFINED);
            publisher.report(report("R-FIX", "2021-01", 1, "110", REPORTED));
            publisher.report(report("R-FIX", "2021-02", 1, "95", REPORTED));
            publisher.report(report("R-FIX", "2021-03", 1, "160", REPORTED));
        }
        awaitStatus("R-FIX", "AT_RISK");
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.report(report("R-FIX", "2021-03", 2, "10", corrected));
            publisher.report(report("R-FIX", "2021-03", 2, "10", corrected));
        }
        awaitProgress("R-FIX", "OFF_TRACK", 2);
        progress("R-FIX").body("actual", closeTo(215, 1e-9)).body("revision", equalTo(2));
        given().auth().oauth2(Tokens.viewer()).queryParam("asOf", "2026-03-01T00:00:00Z")
                .get("/api/v1/progress/indicators/R-FIX").then().statusCode(200)
                .body("status", equalTo("AT_RISK"))
                .body("actual", closeTo(365, 1e-9))
                .body("asOf", equalTo("2026-03-01T00:00:00Z"));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/indicators/R-FIX/history").then()
                .statusCode(200)
                .body("items[0].status", equalTo("OFF_TRACK"))
                .body("items[1].status", equalTo("AT_RISK"));
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PROGRESS_ALERTS)) {
            List<ConsumerRecord<String, byte[]>> alerts = reader.until(r -> ofKey(r, "R-FIX").stream()
                    .anyMatch(x -> "OFF_TRACK".equals(field(x, "to"))), WAIT);
            List<ConsumerRecord<String, byte[]>> offTrack = ofKey(alerts, "R-FIX").stream()
                    .filter(x -> "OFF_TRACK".equals(field(x, "to"))).toList();
            assertEquals(1, offTrack.size(), "a repeated revision raises no second alert");
            assertEquals("AT_RISK", field(offTrack.get(0), "from"));
            assertEquals("REVISION", field(offTrack.get(0), "cause"));
            assertEquals("2021-03", field(offTrack.get(0), "changedPeriod"));
            assertEquals("planpulse.status.changed", header(offTrack.get(0), "ce_type"));
        }
        given().auth().oauth2(Tokens.viewer()).queryParam("asOf", "not-a-time")
                .get("/api/v1/progress/indicators/R-FIX").then().statusCode(400)
                .body("code", equalTo("INVALID_AS_OF"));

        Instant again = Instant.parse("2026-03-12T00:00:00Z");
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.report(report("R-FIX", "2021-03", 3, "20", again));
            publisher.report(report("R-FIX", "2021-03", 4, "160", again));
            publisher.report(report("R-FIX", "2021-03", 2, "10", corrected));
        }
        // revision 3 alone (actual 225) is AT_RISK too, exactly on the band's edge: wait for revision 4
        awaitProgress("R-FIX", "AT_RISK", 4);
        progress("R-FIX").body("actual", closeTo(365, 1e-9)).body("revision", equalTo(4));
        given().auth().oauth2(Tokens.viewer()).queryParam("asOf", "2026-03-11T00:00:00Z")
                .get("/api/v1/progress/indicators/R-FIX").then().statusCode(200)
                .body("actual", closeTo(215, 1e-9)).body("revision", equalTo(2));
    }

    @Test
    void whereTheOfficeReviewsAValueCountsFromItsApprovalAndAReturnedOneNever() {
        Indicator reviewed = indicator("R-RVW", IndicatorKind.CUMULATIVE, Grain.MONTH, Basis.PERIOD, null, null, null,
                new Target("2021", null, null, new BigDecimal("1500")), null, null);
        Instant approved = Instant.parse("2026-02-01T00:00:00Z");
        Instant corrected = Instant.parse("2026-02-05T00:00:00Z");
        Instant approvedAgain = Instant.parse("2026-03-10T00:00:00Z");
        ReportAccepted.ReportedBy office = new ReportAccepted.ReportedBy("DRC", "planner-drc");
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined("rep-review", 1, "评审测试", null, new Window("2021", "2025"), "Asia/Shanghai",
                    List.of(new Department("DRC", "发改委", null), new Department("STATS", "统计局", null)),
                    List.of(new PlanNode("all", "全部", null, List.of("R-RVW"), List.of())), List.of("R-RVW"),
                    new PlanSettings("DRC", true, 15)), DEFINED);
            publisher.indicator(new IndicatorDefined("R-RVW", 1, "rep-review", "Asia/Shanghai", List.of("all"), reviewed),
                    DEFINED);
            publisher.report(submitted(report("R-RVW", "2021-01", 1, "110", REPORTED)));
            publisher.report(submitted(report("R-RVW", "2021-02", 1, "95", REPORTED)));
            publisher.report(submitted(report("R-RVW", "2021-03", 1, "160", REPORTED)));
            publisher.reviewed(new ReportReviewed("R-RVW", "2021-01", 1, ReviewState.APPROVED, null, office, approved));
            publisher.reviewed(new ReportReviewed("R-RVW", "2021-02", 1, ReviewState.APPROVED, null, office, approved));
            publisher.reviewed(new ReportReviewed("R-RVW", "2021-03", 1, ReviewState.RETURNED, "请核实", office, approved));
            publisher.report(submitted(report("R-RVW", "2021-03", 2, "170", corrected)));
            publisher.report(submitted(report("R-RVW", "2021-04", 1, "10", corrected))); // never decided
            publisher.reviewed(new ReportReviewed("R-RVW", "2021-03", 2, ReviewState.APPROVED, null, office,
                    approvedAgain));
            publisher.reviewed(new ReportReviewed("R-RVW", "2021-03", 2, ReviewState.APPROVED, null, office,
                    approvedAgain));
        }
        awaitProgress("R-RVW", "ON_TRACK", 2);
        progress("R-RVW").body("period", equalTo("2021-03")).body("actual", closeTo(110 + 95 + 170, 1e-9));
        given().auth().oauth2(Tokens.viewer()).queryParam("asOf", "2026-01-20T00:00:00Z")
                .get("/api/v1/progress/indicators/R-RVW").then().statusCode(200).body("status", equalTo("NO_DATA"));
        given().auth().oauth2(Tokens.viewer()).queryParam("asOf", "2026-03-01T00:00:00Z")
                .get("/api/v1/progress/indicators/R-RVW").then().statusCode(200)
                .body("period", equalTo("2021-02")).body("actual", closeTo(110 + 95, 1e-9));
        // the indicator's page says where each revision stands, and what the office said of a returned one
        String page = given().cookie(BoardSession.COOKIE, BoardSession.open()).get("/indicators/R-RVW?plan=rep-review")
                .then().statusCode(200).extract().asString();
        assertTrue(page.contains("已退回</span> 请核实") && page.contains("已通过") && page.contains("待审核"), page);
        // the round's page: the office's queue holds April, with the status approving it would make
        String round = given().cookie(BoardSession.COOKIE, BoardSession.open())
                .get("/review?plan=rep-review&lang=en&round=2021-Q1").then().statusCode(200).extract().asString();
        String queue = round.substring(round.indexOf("id=\"review-queue\""), round.indexOf("id=\"returned\""));
        // 375 of 1,500 after March is on schedule; 385 after April would not be
        assertTrue(queue.contains("<td>2021-04</td><td>1</td><td>10</td>") && queue.contains("On track</span> → "), queue);
        assertTrue(!queue.contains("2021-03"), "what was approved no longer waits: " + queue);
    }

    @Test
    void theSubmittedBasisIsPublishedOnItsOwnTopicOnlyWhileItDiffersFromTheOfficialOne() throws Exception {
        Indicator pending = indicator("S-SUB", IndicatorKind.CUMULATIVE, Grain.MONTH, Basis.PERIOD, null, null, null,
                new Target("2021", null, null, new BigDecimal("1500")), null, null);
        Instant received = Instant.parse("2026-02-01T00:00:00Z");
        Instant decided = Instant.parse("2026-02-10T00:00:00Z");
        ReportAccepted.ReportedBy office = new ReportAccepted.ReportedBy("DRC", "planner-drc");
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers());
             TopicReader submittedTopic = new TopicReader(broker.bootstrapServers(), Topics.INDICATOR_PROGRESS_SUBMITTED)) {
            publisher.plan(new PlanDefined("rep-submitted", 1, "送审口径测试", null, new Window("2021", "2025"),
                    "Asia/Shanghai", List.of(new Department("DRC", "发改委", null)),
                    List.of(new PlanNode("all", "全部", null, List.of("S-SUB"), List.of())), List.of("S-SUB"),
                    new PlanSettings("DRC", true, 15)), DEFINED);
            publisher.indicator(new IndicatorDefined("S-SUB", 1, "rep-submitted", "Asia/Shanghai", List.of("all"),
                    pending), DEFINED);
            publisher.report(submitted(report("S-SUB", "2021-01", 1, "110", received)));
            publisher.report(submitted(report("S-SUB", "2021-02", 1, "95", received)));
            publisher.report(submitted(report("S-SUB", "2021-03", 1, "160", received)));
            // the submitted basis: every value as received, none of them official yet
            submittedTopic.until(r -> actuals(ofKey(r, "S-SUB")).contains(365.0), WAIT);
            progress("S-SUB").body("status", equalTo("NO_DATA"));

            publisher.reviewed(new ReportReviewed("S-SUB", "2021-01", 1, ReviewState.APPROVED, null, office, decided));
            publisher.reviewed(new ReportReviewed("S-SUB", "2021-02", 1, ReviewState.APPROVED, null, office, decided));
            publisher.reviewed(new ReportReviewed("S-SUB", "2021-03", 1, ReviewState.RETURNED, "请核实", office, decided));
            awaitProgress("S-SUB", "AT_RISK", 1);
            progress("S-SUB").body("actual", closeTo(205, 1e-9));
            // a returned value is still what the department submitted: the submitted basis still differs
            publisher.report(submitted(report("S-SUB", "2021-03", 2, "170", decided)));
            submittedTopic.until(r -> actuals(ofKey(r, "S-SUB")).contains(375.0), WAIT);
            publisher.reviewed(new ReportReviewed("S-SUB", "2021-03", 2, ReviewState.APPROVED, null, office,
                    decided.plusSeconds(60)));
            List<ConsumerRecord<String, byte[]>> records = ofKey(submittedTopic.until(r -> ofKey(r, "S-SUB").stream()
                    .anyMatch(x -> x.value() == null), WAIT), "S-SUB");
            awaitProgress("S-SUB", "ON_TRACK", 2);

            ConsumerRecord<String, byte[]> last = records.get(records.size() - 1);
            assertEquals(null, last.value(), "once the official basis caught up, the key's tombstone");
            assertEquals("planpulse.progress.reconciled", header(last, "ce_type"));
            List<Integer> versions = records.stream().map(TopicReader::version).toList();
            for (int i = 1; i < versions.size(); i++) {
                assertEquals(versions.get(i - 1) + 1, versions.get(i), "versions count on, one by one: " + versions);
            }
            List<Double> actuals = actuals(records);
            assertEquals(375.0, actuals.get(actuals.size() - 1), "the last figure that differed: " + actuals);
            // a plan without review never differs, so its indicators never appear there
            assertTrue(ofKey(submittedTopic.during(Duration.ofSeconds(1)), "R-TRAINS").isEmpty());
        }
    }

    private static List<Double> actuals(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> r.value() != null).map(r -> {
            try {
                return JSON.readTree(r.value()).path("actual").asDouble();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static ReportAccepted submitted(ReportAccepted r) {
        return new ReportAccepted(r.indicatorId(), r.period(), r.revision(), r.value(), r.provisional(), r.withdrawn(),
                r.note(), r.reason(), r.source(), r.reportedBy(), r.receivedAt(), ReviewState.SUBMITTED);
    }

    @Test
    void thePlanTreeRollsUpEveryNodeAndTheDepartmentItsOwn() {
        awaitStatus("R-TRAINS", "AT_RISK");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/plans/rep-test").then().statusCode(200)
                .body("planId", equalTo("rep-test"))
                .body("rollup.counts.ON_TRACK", equalTo(2))
                .body("nodes.id", equalTo(List.of("economy", "benchmarks")))
                .body("nodes[0].indicators.indicatorId", equalTo(List.of("R-GDP", "R-TRAINS")))
                .body("nodes[0].children[0].indicators[0].indicatorId", equalTo("R-REL"))
                .body("nodes[0].children[0].rollup.status", equalTo("ON_TRACK"))
                .body("nodes[1].rollup.status", equalTo("NO_DATA"))
                .body("rollup.bindingStatus", equalTo("ON_TRACK"));
        given().auth().oauth2(Tokens.viewer()).queryParam("planId", "rep-test")
                .get("/api/v1/progress/departments/STATS").then().statusCode(200)
                .body("indicators.size()", equalTo(4));
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PLAN_ROLLUPS)) {
            List<ConsumerRecord<String, byte[]>> rollups = reader.until(r -> ofKey(r, "plan:rep-test").stream()
                    .anyMatch(x -> "2".equals(count(x, "ON_TRACK")) && "1".equals(count(x, "AT_RISK"))), WAIT);
            ConsumerRecord<String, byte[]> plan = ofKey(rollups, "plan:rep-test").get(ofKey(rollups, "plan:rep-test").size() - 1);
            assertEquals("planpulse.rollup.updated", header(plan, "ce_type"));
            assertEquals("AT_RISK", field(plan, "status"));
            assertEquals("PLAN", field(plan, "scope"));
            assertEquals(header(plan, "version"), field(plan, "version"));
            reader.until(r -> !ofKey(r, "node:rep-test/relative").isEmpty() && !ofKey(r, "dept:rep-test/STATS").isEmpty(), WAIT);
        }
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/plans/no-such").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("planpulse_progress_recomputed_total"))
                .body(org.hamcrest.Matchers.containsString("planpulse_progress_changed_total"))
                .body(org.hamcrest.Matchers.containsString("planpulse_progress_batch_size_count"));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'consumer-lag' }.data.group", equalTo("reporting-service"))
                .body("checks.find { it.name == 'consumer-lag' }.data.'indicator.reports.v1'", org.hamcrest.Matchers.notNullValue());
        given().get("/api/v1/progress/plans/rep-test").then().statusCode(401);
    }

    @Test
    void thePlanExportsAsCsvAndXlsxWithChineseIntact() throws Exception {
        awaitStatus("R-TRAINS", "AT_RISK");
        byte[] csv = given().auth().oauth2(Tokens.viewer()).queryParam("format", "csv")
                .get("/api/v1/progress/plans/rep-test/export").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("rep-test-progress.csv"))
                .extract().asByteArray();
        assertEquals(0xEF, csv[0] & 0xFF, "a byte order mark, so that Excel reads UTF-8");
        String text = new String(csv, 3, csv.length - 3, java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(text.startsWith("\"节点 Node\",\"指标 Indicator\""), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("经济,R-TRAINS,指标R-TRAINS,u,进度滞后,\"At risk\",2021-03,365.00,"),
                text);
        byte[] xlsx = given().auth().oauth2(Tokens.viewer()).queryParam("format", "xlsx")
                .get("/api/v1/progress/plans/rep-test/export").then().statusCode(200).extract().asByteArray();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheet("rep-test");
            assertEquals("节点 Node", sheet.getRow(0).getCell(0).getStringCellValue());
            boolean found = false;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                if ("R-TRAINS".equals(row.getCell(1).getStringCellValue())) {
                    assertEquals("进度滞后", row.getCell(4).getStringCellValue());
                    assertEquals(365.0, row.getCell(7).getNumericCellValue(), 1e-9);
                    assertEquals("#,##0.00", row.getCell(7).getCellStyle().getDataFormatString(), "shown as the rule shows it");
                    assertEquals("经济", row.getCell(0).getStringCellValue());
                    found = true;
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(found);
        }
        given().auth().oauth2(Tokens.viewer()).queryParam("format", "pdf")
                .get("/api/v1/progress/plans/rep-test/export").then().statusCode(400).body("code", equalTo("INVALID_FORMAT"));
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopicAndTheRestOfItsBatchIsApplied() {
        Indicator series = indicator("R-DLQ", IndicatorKind.SERIES, Grain.YEAR, null, null, null, null, null, null,
                new Window("2021", "2025"));
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined("rep-dlq", 1, "死信测试", null, new Window("2021", "2025"), "Asia/Shanghai",
                    List.of(new Department("STATS", "统计局", null)),
                    List.of(new PlanNode("all", "全部", null, List.of("R-DLQ"), List.of())), List.of("R-DLQ"), null), DEFINED);
            publisher.indicator(new IndicatorDefined("R-DLQ", 1, "rep-dlq", "Asia/Shanghai", List.of("all"), series), DEFINED);
            publisher.raw(Topics.INDICATOR_REPORTS, "R-DLQ", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            publisher.raw(Topics.INDICATOR_REPORTS, "R-DLQ", "planpulse.report.rumoured",
                    "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            publisher.report(report("R-DLQ", "2022", 1, "7.5", REPORTED));
        }
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.deadLetter(Topics.INDICATOR_REPORTS))) {
            List<ConsumerRecord<String, byte[]>> dead = reader.until(r -> ofKey(r, "R-DLQ").size() == 2, WAIT);
            ConsumerRecord<String, byte[]> poison = ofKey(dead, "R-DLQ").get(0);
            assertEquals("indicator.reports.v1", header(poison, "dead-letter-topic"));
            assertTrue(header(poison, "dead-letter-reason").contains("does not read"));
            assertTrue(header(ofKey(dead, "R-DLQ").get(1), "dead-letter-reason").contains("planpulse.report.rumoured"));
        }
        // counted where the dead-letters alert reads it
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher counted = Pattern.compile("(?m)^planpulse_dead_letters_total\\{topic=\"indicator\\.reports\\.v1\\.dlq\"} (\\S+)$").matcher(metrics);
        assertTrue(counted.find() && Double.parseDouble(counted.group(1)) >= 1, metrics);
        awaitStatus("R-DLQ", "NO_TARGET");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !"2022".equals(progress("R-DLQ").extract().path("period"))) {
            Thread.onSpinWait();
        }
        progress("R-DLQ").body("period", equalTo("2022")).body("actual", closeTo(7.5, 1e-9));
    }

    private static String count(ConsumerRecord<String, byte[]> record, String status) {
        try {
            JsonNode node = JSON.readTree(record.value()).get("counts").get(status);
            return node == null ? null : node.asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(ConsumerRecord<String, byte[]> record) {
        return field(record, "status");
    }

    private static String field(ConsumerRecord<String, byte[]> record, String name) {
        try {
            JsonNode node = JSON.readTree(record.value()).get(name);
            return node == null || node.isNull() ? null : node.asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
