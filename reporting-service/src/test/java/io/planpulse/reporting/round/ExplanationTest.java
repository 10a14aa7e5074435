package io.planpulse.reporting.round;

import static io.planpulse.reporting.testing.TestPlan.DEFINED;
import static io.planpulse.reporting.testing.TestPlan.REPORTED;
import static io.planpulse.reporting.testing.TestPlan.indicator;
import static io.planpulse.reporting.testing.TestPlan.report;
import static io.planpulse.testing.TopicReader.header;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.local.KafkaBroker;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
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
import io.planpulse.testing.Tokens.Forgery;
import io.planpulse.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Explanations (DESIGN §7, "Explanations") in a plan whose office is DRC and whose explanations are
 * due 15 days after a round, with the clock at 2026-03-15: R-LAG (STATS) lags in 2021, R-AHEAD
 * (STATS) does not.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class ExplanationTest {

    private static final String PLAN = "rep-explain";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATS = Tokens.token("reporter", "STATS");
    private static final String EXPLANATION = "{\"cause\": \"一季度班列停运检修\", \"measures\": \"二季度加开班列\", "
            + "\"expectedRecovery\": \"2021-Q3\"}";
    private static boolean fed;

    @InjectKafkaBroker
    KafkaBroker broker;

    @BeforeEach
    void feed() {
        if (fed) {
            return;
        }
        Target target = new Target("2021", null, null, new BigDecimal("1500"));
        Indicator lagging = indicator("R-LAG", IndicatorKind.CUMULATIVE, Grain.MONTH, Basis.PERIOD, null, null, null,
                target, null, null);
        Indicator ahead = indicator("R-AHEAD", IndicatorKind.CUMULATIVE, Grain.MONTH, Basis.PERIOD, null, null, null,
                target, null, null);
        Indicator recovering = indicator("R-RECOVER", IndicatorKind.CUMULATIVE, Grain.MONTH, Basis.PERIOD, null, null,
                null, target, null, null);
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined(PLAN, 1, "说明测试", null, new Window("2021", "2026"), "Asia/Shanghai",
                    List.of(new Department("DRC", "发改委", null), new Department("STATS", "统计局", null)),
                    List.of(new PlanNode("all", "全部", null, List.of("R-LAG", "R-AHEAD", "R-RECOVER"), List.of())),
                    List.of("R-LAG", "R-AHEAD", "R-RECOVER"), new PlanSettings("DRC", false, 15)), DEFINED);
            for (Indicator i : List.of(lagging, ahead, recovering)) {
                publisher.indicator(new IndicatorDefined(i.id(), 1, PLAN, "Asia/Shanghai", List.of("all"), i), DEFINED);
            }
            for (String month : List.of("2021-01", "2021-02", "2021-03")) {
                publisher.report(report("R-LAG", month, 1, "10", REPORTED));
                publisher.report(report("R-AHEAD", month, 1, "200", REPORTED));
                publisher.report(report("R-RECOVER", month, 1, "10", REPORTED));
            }
        }
        awaitStatus("R-LAG", "OFF_TRACK");
        awaitStatus("R-AHEAD", "ON_TRACK");
        awaitStatus("R-RECOVER", "OFF_TRACK");
        fed = true;
    }

    @Test
    void aLaggingIndicatorOwesAnExplanationUntilItsDepartmentGivesOneAndEveryRevisionIsKept() throws Exception {
        owed("2021-Q1", null).then().statusCode(200)
                .body("dueDate", equalTo("2021-04-15"))
                .body("items.indicatorId", hasItem("R-LAG")).body("items.indicatorId", not(hasItem("R-AHEAD")))
                .body("items.find { it.indicatorId == 'R-LAG' }.status", equalTo("OFF_TRACK"))
                .body("items.find { it.indicatorId == 'R-LAG' }.overdue", equalTo(true))
                .body("items.find { it.indicatorId == 'R-LAG' }.explanation", nullValue());
        explain(STATS, "R-LAG", "2021-Q1", EXPLANATION, null).then().statusCode(201)
                .body("revision", equalTo(1)).body("status", equalTo("OFF_TRACK")).body("lang", equalTo("zh"))
                .body("writtenBy.subject", equalTo("reporter-stats"));
        explain(STATS, "R-LAG", "2021-Q1", "{\"cause\": \"Line maintenance\", \"measures\": \"Extra trains\", "
                + "\"expectedRecovery\": \"Q3 2021\", \"lang\": \"en\"}", null).then().statusCode(201)
                .body("revision", equalTo(2));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/explanations/R-LAG/2021-Q1").then().statusCode(200)
                .body("revision", equalTo(List.of(2, 1))).body("cause", equalTo(List.of("Line maintenance", "一季度班列停运检修")));
        owed("2021-Q1", "STATS").then().statusCode(200)
                .body("items.find { it.indicatorId == 'R-LAG' }.overdue", equalTo(false))
                .body("items.find { it.indicatorId == 'R-LAG' }.explanation.revision", equalTo(2));
        owed("2021-Q1", "PBOC").then().statusCode(200).body("items", equalTo(List.of()));
        String page = given().cookie(BoardSession.COOKIE, BoardSession.open()).get("/indicators/R-LAG?plan=" + PLAN)
                .then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("id=\"explanations\"") && page.contains("Line maintenance")
                && page.contains("Q3 2021"), page);

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PLAN_ROUNDS)) {
            List<ConsumerRecord<String, byte[]>> given = reader.until(r -> explained(r).size() == 2, WAIT);
            List<ConsumerRecord<String, byte[]>> events = explained(given);
            assertEquals(List.of(1, 2), events.stream().map(TopicReader::version).toList());
            assertEquals("一季度班列停运检修", JSON.readTree(events.get(0).value()).get("cause").asText());
            assertEquals("R-LAG", JSON.readTree(events.get(1).value()).get("indicatorId").asText());
        }
    }

    @Test
    void theAlertsThatFollowAnExplanationAndTheExportCarryIt() throws Exception {
        explain(STATS, "R-RECOVER", "2021-Q1", EXPLANATION, null).then().statusCode(201);
        String csv = new String(given().auth().oauth2(Tokens.viewer()).queryParam("format", "csv")
                .get("/api/v1/progress/plans/" + PLAN + "/export").then().statusCode(200).extract().asByteArray(),
                java.nio.charset.StandardCharsets.UTF_8);
        String row = csv.lines().filter(l -> l.contains("R-RECOVER")).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(row.contains("2021-Q1,一季度班列停运检修,二季度加开班列,2021-Q3"), row);
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.report(report("R-RECOVER", "2021-04", 1, "900", REPORTED));
        }
        awaitStatus("R-RECOVER", "ON_TRACK");
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PROGRESS_ALERTS)) {
            List<ConsumerRecord<String, byte[]>> alerts = reader.until(r -> TopicReader.ofKey(r, "R-RECOVER").stream()
                    .anyMatch(a -> a.value() != null && new String(a.value(), java.nio.charset.StandardCharsets.UTF_8)
                            .contains("\"to\":\"ON_TRACK\"")), WAIT);
            ConsumerRecord<String, byte[]> alert = TopicReader.ofKey(alerts, "R-RECOVER").get(
                    TopicReader.ofKey(alerts, "R-RECOVER").size() - 1);
            var explanation = JSON.readTree(alert.value()).get("explanation");
            assertEquals(List.of("2021-Q1", "一季度班列停运检修", "二季度加开班列"), List.of(explanation.get("round").asText(),
                    explanation.get("cause").asText(), explanation.get("measures").asText()));
        }
    }

    @Test
    void anExplanationThatIsNotOwedOrNotWholeIsRefusedWithItsCode() {
        explain(STATS, "R-AHEAD", "2021-Q1", EXPLANATION, null).then().statusCode(422).body("code", equalTo("NOT_LAGGING"));
        explain(STATS, "R-LAG", "2026-Q2", EXPLANATION, null).then().statusCode(422).body("code", equalTo("ROUND_IN_FUTURE"));
        explain(STATS, "R-LAG", "2027", EXPLANATION, null).then().statusCode(422)
                .body("code", equalTo("ROUND_OUTSIDE_WINDOW"));
        explain(STATS, "R-LAG", "2021-Q9", EXPLANATION, null).then().statusCode(400).body("code", equalTo("ROUND_INVALID"));
        explain(STATS, "R-NONE", "2021-Q1", EXPLANATION, null).then().statusCode(404);
        explain(STATS, "R-LAG", "2021-Q1", "{\"cause\": \"x\", \"measures\": \"y\"}", null).then().statusCode(400)
                .body("code", equalTo("FIELD_REQUIRED"));
        explain(STATS, "R-LAG", "2021-Q1", EXPLANATION.replace("}", ", \"lang\": \"fr\"}"), null).then().statusCode(400)
                .body("code", equalTo("LANG_INVALID"));
        explain(STATS, "R-LAG", "2021-Q1", EXPLANATION.replace("}", ", \"why\": 1}"), null).then().statusCode(400)
                .body("code", equalTo("UNKNOWN_FIELD"));
        explain(STATS, "R-LAG", "2021-Q1", "[1]", null).then().statusCode(400).body("code", equalTo("MALFORMED_BODY"));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/explanations/R-AHEAD/2021-Q1").then().statusCode(404);
    }

    @Test
    void aRetryWithTheSameKeyGetsTheRevisionItWrote() {
        String first = explain(STATS, "R-LAG", "2021-02", EXPLANATION, "explain-2021-02").then().statusCode(201)
                .extract().asString();
        assertEquals(first, explain(STATS, "R-LAG", "2021-02", EXPLANATION, "explain-2021-02").then().statusCode(201)
                .extract().asString());
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/explanations/R-LAG/2021-02").then()
                .body("size()", equalTo(1));
        explain(STATS, "R-LAG", "2021-01", EXPLANATION, "explain-2021-02").then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void onlyAnOwningDepartmentsReporterAndAnAdminExplain() {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String role : List.of("reporter", "viewer", "planner", "admin")) {
            for (String dept : List.of("STATS", "DRC")) {
                String name = role + " of " + (dept.equals("STATS") ? "the owning department" : "the office");
                tokens.put(name, Tokens.token(role, dept));
                expected.put(name, role.equals("admin") || role.equals("reporter") && dept.equals("STATS") ? 201 : 403);
            }
        }
        tokens.put("admin without a department", Tokens.token("admin", null));
        expected.put("admin without a department", 201);
        tokens.put("no token", null);
        expected.put("no token", 401);
        for (Forgery forgery : Forgery.values()) {
            tokens.put("admin token " + forgery, Tokens.forged(forgery));
            expected.put("admin token " + forgery, 401);
        }
        List<String> wrong = new ArrayList<>();
        for (var token : tokens.entrySet()) {
            Response response = explain(token.getValue(), "R-LAG", "2021", EXPLANATION, null);
            if (response.statusCode() != expected.get(token.getKey())) {
                wrong.add(token.getKey() + ": " + response.statusCode() + ", not " + expected.get(token.getKey()));
            }
        }
        assertEquals(List.of(), wrong);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/explanations/R-LAG/2021").then()
                .body("size()", equalTo(4));
    }

    private static Response explain(String token, String indicatorId, String round, String body, String key) {
        RequestSpecification request = (token == null ? given() : given().auth().oauth2(token))
                .contentType(ContentType.JSON).body(body);
        return (key == null ? request : request.header("Idempotency-Key", key))
                .post("/api/v1/explanations/" + indicatorId + "/" + round);
    }

    private static Response owed(String round, String dept) {
        RequestSpecification request = given().auth().oauth2(Tokens.viewer()).queryParam("planId", PLAN)
                .queryParam("round", round);
        return (dept == null ? request : request.queryParam("dept", dept)).get("/api/v1/explanations");
    }

    private static List<ConsumerRecord<String, byte[]>> explained(List<ConsumerRecord<String, byte[]>> records) {
        return TopicReader.ofKey(records, PLAN + "/2021-Q1").stream()
                .filter(r -> "planpulse.explanation.given".equals(header(r, "ce_type"))
                        && header(r, "ce_subject").endsWith("/R-LAG")).toList();
    }

    private static void awaitStatus(String id, String status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            Response r = given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/indicators/" + id);
            last = r.statusCode() == 200 ? r.path("status") : r.statusCode();
            if (status.equals(last)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError(id + " is " + last + ", not " + status);
    }
}
