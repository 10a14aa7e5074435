package io.planpulse.reporting.round;

import static io.planpulse.reporting.testing.TestPlan.DEFINED;
import static io.planpulse.reporting.testing.TestPlan.REPORTED;
import static io.planpulse.reporting.testing.TestPlan.indicator;
import static io.planpulse.reporting.testing.TestPlan.report;
import static io.planpulse.testing.TopicReader.header;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Monitoring rounds (DESIGN §7, "Rounds") of a plan whose office is DRC, window 2021–2026, with
 * the clock at 2026-03-15: publish, cite, correct, reopen, publish again; who may; what is refused.
 * Each test takes rounds of its own: the database is shared.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class RoundTest {

    private static final String PLAN = "rep-rounds";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFICE = Tokens.token("planner", "DRC");
    private static final String ADMIN = Tokens.token("admin", null);

    @InjectKafkaBroker
    KafkaBroker broker;

    /** Whether this run fed the plan: its values are fed once, as a later test corrects one. */
    private static boolean fed;

    @BeforeEach
    void feed() {
        if (fed) {
            return;
        }
        Indicator trains = indicator("R-RND", IndicatorKind.CUMULATIVE, Grain.MONTH, Basis.PERIOD, null, null, null,
                new Target("2021", null, null, new BigDecimal("1500")), null, null);
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined(PLAN, 1, "轮次测试", null, new Window("2021", "2026"), "Asia/Shanghai",
                    List.of(new Department("DRC", "发改委", null), new Department("STATS", "统计局", null)),
                    List.of(new PlanNode("all", "全部", null, List.of("R-RND"), List.of())), List.of("R-RND"),
                    new PlanSettings("DRC", true, 15)), DEFINED);
            publisher.indicator(new IndicatorDefined("R-RND", 1, PLAN, "Asia/Shanghai", List.of("all"), trains), DEFINED);
            publisher.report(report("R-RND", "2021-01", 1, "110", REPORTED));
            publisher.report(report("R-RND", "2021-02", 1, "95", REPORTED));
            publisher.report(report("R-RND", "2021-03", 1, "160", REPORTED));
            publisher.report(report("R-RND", "2021-06", 1, "120", REPORTED));
        }
        awaitActual(365 + 120);
        fed = true;
    }

    @Test
    void aRoundIsPublishedCitedCorrectedReopenedAndPublishedAgain() throws Exception {
        Response first = publish(OFFICE, "2021-Q1", null);
        first.then().statusCode(201).body("version", equalTo(1)).body("state", equalTo("PUBLISHED"))
                .body("publishedBy.subject", equalTo("planner-drc"))
                .body("values.period", equalTo(List.of("2021-01", "2021-02", "2021-03")))
                .body("indicators[0].indicatorId", equalTo("R-RND"))
                .body("corrections", equalTo(List.of()));
        String publishedAt = first.path("publishedAt");
        // the round is the plan's official answer as of its instant
        JsonNode asOf = JSON.readTree(given().auth().oauth2(OFFICE).queryParam("asOf", publishedAt)
                .get("/api/v1/progress/plans/" + PLAN).then().statusCode(200).extract().asString());
        assertEquals(asOf, JSON.readTree(first.asString()).get("progress"));
        publish(OFFICE, "2021-Q1", null).then().statusCode(409).body("code", equalTo("ALREADY_PUBLISHED"));

        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.report(report("R-RND", "2021-03", 2, "170", Instant.parse("2026-03-10T00:00:00Z")));
        }
        awaitActual(375 + 120);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/rounds/" + PLAN + "/2021-Q1").then().statusCode(200)
                .body("values.find { it.period == '2021-03' }.value", equalTo(160))
                .body("corrections.size()", equalTo(1))
                .body("corrections[0].period", equalTo("2021-03"))
                .body("corrections[0].publishedRevision", equalTo(1)).body("corrections[0].publishedValue", equalTo(160))
                .body("corrections[0].revision", equalTo(2)).body("corrections[0].value", equalTo(170));

        // the board as the round showed it: its figures as published, the correction marked on the row
        String board = board("&round=2021-Q1");
        String row = board.substring(board.indexOf("id=\"i-R-RND\""));
        assertTrue(board.contains("id=\"round-shown\"") && board.contains("2021-Q1 轮次第 1 版")
                && board.contains("发布后更正 1 处"), board);
        assertTrue(row.contains(">485.00 <small>") && row.contains("已更正") && row.contains("2021-03: 160 → 170"), row);
        assertTrue(!board.contains("id=\"live\""), "a published round does not follow the changes");
        assertTrue(board.contains("/api/v1/evaluations/" + PLAN + "?format=pdf&amp;round=2021-Q1&amp;version=1"),
                "the report button gives the round as published: " + board);
        String now = board("");
        assertTrue(now.contains(">495.00 <small>") && !now.contains("已更正"), "the board of now is not the round's");
        given().cookie(BoardSession.COOKIE, BoardSession.open()).get("/?plan=" + PLAN + "&round=2021-Q1&asOf=2026-03-01")
                .then().statusCode(400);
        given().cookie(BoardSession.COOKIE, BoardSession.open()).get("/?plan=" + PLAN + "&round=2024-Q1")
                .then().statusCode(404);

        reopen(OFFICE, "2021-Q1", "{\"reason\": \"统计局更正了3月数据\"}").then().statusCode(403);
        reopen(ADMIN, "2021-Q1", "{}").then().statusCode(400).body("code", equalTo("REASON_REQUIRED"));
        reopen(ADMIN, "2021-Q1", "{\"reason\": \"统计局更正了3月数据\"}").then().statusCode(200)
                .body("state", equalTo("REOPENED")).body("reopened.reason", equalTo("统计局更正了3月数据"));
        reopen(ADMIN, "2021-Q1", "{\"reason\": \"again\"}").then().statusCode(409).body("code", equalTo("NOT_PUBLISHED"));

        publish(OFFICE, "2021-Q1", null).then().statusCode(201).body("version", equalTo(2))
                .body("values.find { it.period == '2021-03' }.value", equalTo(170)).body("corrections", equalTo(List.of()));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/rounds/" + PLAN + "/2021-Q1/versions/1").then()
                .statusCode(200).body("state", equalTo("REOPENED")).body("publishedAt", equalTo(publishedAt))
                .body("values.find { it.period == '2021-03' }.value", equalTo(160));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/rounds/" + PLAN).then().statusCode(200)
                .body("findAll { it.round == '2021-Q1' }.version", equalTo(List.of(1, 2)));
        String second = board("&round=2021-Q1&lang=en");
        assertTrue(second.contains("Round 2021-Q1, version 2") && second.contains(">495.00 <small>")
                && !second.contains("Corrected since publication"), second);
        String firstAgain = board("&round=2021-Q1&version=1&lang=en");
        assertTrue(firstAgain.contains("Round 2021-Q1, version 1") && firstAgain.contains("reopened")
                && firstAgain.contains("2021-03: 160 → 170"), firstAgain);

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PLAN_ROUNDS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> ofRound(r, "2021-Q1").size() == 3, WAIT);
            List<ConsumerRecord<String, byte[]>> round = ofRound(records, "2021-Q1");
            assertEquals(List.of("planpulse.round.published", "planpulse.round.reopened", "planpulse.round.published"),
                    round.stream().map(r -> header(r, "ce_type")).toList());
            assertEquals(List.of(1, 1, 2), round.stream().map(TopicReader::version).toList());
            assertEquals("统计局更正了3月数据", JSON.readTree(round.get(1).value()).get("reason").asText());
        }
    }

    @Test
    void aRetryWithTheSameKeyGetsTheVersionItMade() {
        String made = publish(OFFICE, "2021-01", "round-2021-01").then().statusCode(201).extract().asString();
        String again = publish(OFFICE, "2021-01", "round-2021-01").then().statusCode(201).extract().asString();
        assertEquals(made, again);
        publish(OFFICE, "2021-02", "round-2021-01").then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        publish(OFFICE, "2021-01", null).then().statusCode(409).body("code", equalTo("ALREADY_PUBLISHED"));
    }

    @Test
    void aRoundThatCannotBePublishedOrReopenedIsRefusedWithItsCode() {
        publish(OFFICE, "2021-Q5", null).then().statusCode(400).body("code", equalTo("ROUND_INVALID"));
        publish(OFFICE, "2027", null).then().statusCode(422).body("code", equalTo("ROUND_OUTSIDE_WINDOW"));
        publish(OFFICE, "2020-Q4", null).then().statusCode(422).body("code", equalTo("ROUND_OUTSIDE_WINDOW"));
        publish(OFFICE, "2026-Q1", null).then().statusCode(422).body("code", equalTo("ROUND_IN_FUTURE"));
        publish(OFFICE, "2022", null).then().statusCode(422).body("code", equalTo("ROUND_EMPTY"));
        publish(OFFICE, "2021-05", null).then().statusCode(422).body("code", equalTo("ROUND_EMPTY"));
        given().auth().oauth2(OFFICE).post("/api/v1/rounds/no-such-plan/2021").then().statusCode(404);
        reopen(ADMIN, "2021-H2", "{\"reason\": \"x\"}").then().statusCode(409).body("code", equalTo("NOT_PUBLISHED"));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/rounds/" + PLAN + "/2021-H2").then().statusCode(404);
    }

    @Test
    void onlyThePlanOfficePublishesAndOnlyAnAdminReopens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Integer> publishes = new LinkedHashMap<>();
        Map<String, Integer> reopens = new LinkedHashMap<>();
        for (String role : List.of("reporter", "viewer", "planner", "admin")) {
            for (String dept : List.of("DRC", "STATS")) {
                String name = role + " of " + (dept.equals("DRC") ? "the office" : "another department");
                tokens.put(name, Tokens.token(role, dept));
                publishes.put(name, role.equals("admin") || role.equals("planner") && dept.equals("DRC") ? 201 : 403);
                reopens.put(name, role.equals("admin") ? 200 : 403);
            }
        }
        tokens.put("admin without a department", ADMIN);
        publishes.put("admin without a department", 201);
        reopens.put("admin without a department", 200);
        tokens.put("no token", null);
        publishes.put("no token", 401);
        reopens.put("no token", 401);
        for (Forgery forgery : Forgery.values()) {
            tokens.put("admin token " + forgery, Tokens.forged(forgery));
            publishes.put("admin token " + forgery, 401);
            reopens.put("admin token " + forgery, 401);
        }
        List<String> wrong = new ArrayList<>();
        String reason = "{\"reason\": \"the next case publishes it again\"}";
        for (var token : tokens.entrySet()) {
            int published = publish(token.getValue(), "2021-06", null).statusCode();
            if (published != publishes.get(token.getKey())) {
                wrong.add("publish by " + token.getKey() + ": " + published + ", not " + publishes.get(token.getKey()));
            }
            if (published != 201) {
                publish(ADMIN, "2021-06", null);
            }
            int reopened = reopen(token.getValue(), "2021-06", reason).statusCode();
            if (reopened != reopens.get(token.getKey())) {
                wrong.add("reopen by " + token.getKey() + ": " + reopened + ", not " + reopens.get(token.getKey()));
            }
            if (reopened != 200) {
                reopen(ADMIN, "2021-06", reason);
            }
        }
        assertEquals(List.of(), wrong);
        given().auth().oauth2(OFFICE).get("/api/v1/rounds/" + PLAN).then()
                .body("findAll { it.round == '2021-06' && it.state == 'PUBLISHED' }.size()", equalTo(0));
    }

    private static Response publish(String token, String round, String key) {
        RequestSpecification request = token == null ? given() : given().auth().oauth2(token);
        return (key == null ? request : request.header("Idempotency-Key", key)).post("/api/v1/rounds/" + PLAN + "/" + round);
    }

    private static String board(String query) {
        return given().cookie(BoardSession.COOKIE, BoardSession.open()).get("/?plan=" + PLAN + query).then()
                .statusCode(200).extract().asString();
    }

    private static Response reopen(String token, String round, String body) {
        RequestSpecification request = token == null ? given() : given().auth().oauth2(token);
        return request.contentType(ContentType.JSON).body(body).post("/api/v1/rounds/" + PLAN + "/" + round + "/reopen");
    }

    private static List<ConsumerRecord<String, byte[]>> ofRound(List<ConsumerRecord<String, byte[]>> records,
                                                                String round) {
        return TopicReader.ofKey(records, PLAN + "/" + round);
    }

    private static void awaitActual(double actual) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            Response r = given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/indicators/R-RND");
            last = r.statusCode() == 200 ? r.path("actual") : r.statusCode();
            if (last instanceof Number n && n.doubleValue() == actual) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("R-RND's actual is " + last + ", not " + actual);
    }
}
