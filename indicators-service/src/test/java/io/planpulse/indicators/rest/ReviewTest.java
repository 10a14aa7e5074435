package io.planpulse.indicators.rest;

import static io.planpulse.testing.TopicReader.header;
import static io.planpulse.testing.TopicReader.ofKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.indicators.testing.ReviewCatalogue;
import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.model.event.Topics;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.Tokens.Forgery;
import io.planpulse.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan office's review (DESIGN §5, "Review") on a plan whose office, DRC, reviews every value:
 * submit, return with a comment, correct, approve; four eyes; a department's round at once; who may
 * review, as a matrix; retries with a key; and bad requests, which decide nothing. Each test uses
 * periods of its own: the database is shared.
 */
@QuarkusTest
class ReviewTest extends ServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATS = Tokens.token("reporter", "STATS");
    private static final String OFFICE = Tokens.token("planner", "DRC");

    @BeforeEach
    void learnTheReviewedPlan() {
        ReviewCatalogue.ensure(broker.bootstrapServers(), db);
    }

    @Test
    void aValueIsSubmittedReturnedCorrectedAndApproved() throws Exception {
        push(STATS, "R-GDP", "2021", "5000", null).then().statusCode(201)
                .body("revision", equalTo(1)).body("review", equalTo("SUBMITTED"));
        given().auth().oauth2(OFFICE).get("/api/v1/reviews?planId=" + ReviewCatalogue.PLAN).then().statusCode(200)
                .body("items.findAll { it.indicatorId == 'R-GDP' && it.period == '2021' }.revision", equalTo(List.of(1)));

        review(OFFICE, "{\"action\": \"RETURN\", \"items\": [" + item("R-GDP", "2021", 1) + "]}", null)
                .then().statusCode(400).body("code", equalTo("COMMENT_REQUIRED"));
        review(OFFICE, "{\"action\": \"RETURN\", \"comment\": \"与统计快报不符，请核实\", \"items\": ["
                + item("R-GDP", "2021", 1) + "]}", null)
                .then().statusCode(200).body("decision", equalTo("RETURNED")).body("count", equalTo(1));
        given().auth().oauth2(STATS).get("/api/v1/reviews?state=RETURNED&dept=STATS").then().statusCode(200)
                .body("items.find { it.indicatorId == 'R-GDP' && it.period == '2021' }.reviewed.comment",
                        equalTo("与统计快报不符，请核实"));
        review(OFFICE, approve("R-GDP", "2021", 1), null).then().statusCode(409).body("code", equalTo("NOT_SUBMITTED"));

        push(STATS, "R-GDP", "2021", "5100", "按快报更正").then().statusCode(201)
                .body("revision", equalTo(2)).body("review", equalTo("SUBMITTED"));
        given().auth().oauth2(STATS).get("/api/v1/reviews?state=RETURNED&dept=STATS").then().statusCode(200)
                .body("items.findAll { it.indicatorId == 'R-GDP' && it.period == '2021' }", equalTo(List.of()));
        review(OFFICE, approve("R-GDP", "2021", 1), null).then().statusCode(409).body("code", equalTo("SUPERSEDED"));
        review(OFFICE, approve("R-GDP", "2021", 2), null).then().statusCode(200)
                .body("decision", equalTo("APPROVED")).body("reviewedAt", equalTo("2026-03-15T02:00:00Z"));

        given().auth().oauth2(STATS).get("/api/v1/reports?indicatorId=R-GDP&period=2021").then().statusCode(200)
                .body("items.review", equalTo(List.of("APPROVED", "RETURNED")))
                .body("items[0].reviewed.by.subject", equalTo("planner-drc"))
                .body("items[1].reviewed.comment", equalTo("与统计快报不符，请核实"));

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.INDICATOR_REPORTS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> reviewed(r, "R-GDP/2021").size() == 2,
                    Duration.ofSeconds(60));
            List<ConsumerRecord<String, byte[]>> decisions = reviewed(records, "R-GDP/2021");
            JsonNode returned = JSON.readTree(decisions.get(0).value());
            JsonNode approved = JSON.readTree(decisions.get(1).value());
            assertEquals(List.of(1, "RETURNED", "与统计快报不符，请核实", "planner-drc"), List.of(returned.get("revision").asInt(),
                    returned.get("decision").asText(), returned.get("comment").asText(),
                    returned.get("reviewedBy").get("subject").asText()));
            assertEquals(List.of(2, "APPROVED"), List.of(approved.get("revision").asInt(), approved.get("decision").asText()));
            assertEquals(2, TopicReader.version(decisions.get(1)));
            JsonNode accepted = JSON.readTree(ofKey(records, "R-GDP").stream()
                    .filter(r -> "planpulse.report.accepted".equals(header(r, "ce_type"))
                            && "R-GDP/2021".equals(header(r, "ce_subject"))).findFirst().orElseThrow().value());
            assertEquals("SUBMITTED", accepted.get("review").asText());
        }
    }

    @Test
    void nobodyApprovesAValueTheySent() throws Exception {
        push(Tokens.token("reporter", "DRC", "li-drc"), "R-PROJECTS", "2021", "60", null).then().statusCode(201);
        review(Tokens.token("planner", "DRC", "li-drc"), approve("R-PROJECTS", "2021", 1), null)
                .then().statusCode(403).body("code", equalTo("OWN_VALUE"));
        assertEquals("SUBMITTED", state("R-PROJECTS", "2021", 1));
        review(Tokens.token("planner", "DRC", "wang-drc"), approve("R-PROJECTS", "2021", 1), null)
                .then().statusCode(200);

        push(Tokens.token("admin", null), "R-PROJECTS", "2022", "70", null).then().statusCode(201);
        review(Tokens.token("admin", null), approve("R-PROJECTS", "2022", 1), null)
                .then().statusCode(403).body("code", equalTo("OWN_VALUE"));
        review(Tokens.token("admin", null, "admin-2"), approve("R-PROJECTS", "2022", 1), null).then().statusCode(200);
        assertEquals("APPROVED", state("R-PROJECTS", "2022", 1));
    }

    /** How a review ends: decided, refused for the role, refused for the plan's office, or not signed in. */
    private enum Expected {
        DECIDED, FORBIDDEN, FORBIDDEN_REVIEW, UNAUTHORIZED
    }

    @Test
    void onlyThePlanOfficesPlannersAndAnAdminReview() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (String role : List.of("reporter", "viewer", "planner", "admin")) {
            for (String dept : List.of("DRC", "STATS", "PBOC")) {
                String name = role + " of " + (dept.equals("DRC") ? "the office" : dept.equals("STATS")
                        ? "the owning department" : "another department");
                tokens.put(name, Tokens.token(role, dept));
                expected.put(name, role.equals("admin") || role.equals("planner") && dept.equals("DRC")
                        ? Expected.DECIDED : role.equals("planner") ? Expected.FORBIDDEN_REVIEW : Expected.FORBIDDEN);
            }
        }
        tokens.put("admin without a department", Tokens.token("admin", null));
        expected.put("admin without a department", Expected.DECIDED);
        tokens.put("no token", null);
        expected.put("no token", Expected.UNAUTHORIZED);
        for (Forgery forgery : Forgery.values()) {
            tokens.put("admin token " + forgery, Tokens.forged(forgery));
            expected.put("admin token " + forgery, Expected.UNAUTHORIZED);
        }
        String sender = Tokens.token("admin", null, "sender");
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String action : List.of("APPROVE", "RETURN")) {
            for (var token : tokens.entrySet()) {
                int revision = push(sender, "R-GDP", "2022", Integer.toString(1000 + n++), null).then().statusCode(201)
                        .extract().path("revision");
                RequestSpecification request = token.getValue() == null ? given() : given().auth().oauth2(token.getValue());
                Response response = request.contentType(ContentType.JSON).body("{\"action\": \"" + action
                        + "\", \"comment\": \"请核实\", \"items\": [" + item("R-GDP", "2022", revision) + "]}")
                        .post("/api/v1/reviews");
                Expected want = expected.get(token.getKey());
                String got = response.statusCode() == 200 ? Expected.DECIDED.name()
                        : response.statusCode() == 401 ? Expected.UNAUTHORIZED.name()
                        : response.statusCode() == 403 && "FORBIDDEN_REVIEW".equals(response.path("code"))
                        ? Expected.FORBIDDEN_REVIEW.name() : response.statusCode() == 403 ? Expected.FORBIDDEN.name()
                        : "HTTP " + response.statusCode();
                String stateNow = state("R-GDP", "2022", revision);
                String wantState = want == Expected.DECIDED ? (action.equals("APPROVE") ? "APPROVED" : "RETURNED")
                        : "SUBMITTED";
                if (!got.equals(want.name()) || !wantState.equals(stateNow)) {
                    wrong.add(action + " by " + token.getKey() + ": expected " + want + " and " + wantState + ", got "
                            + got + " and " + stateNow + " (" + response.asString() + ")");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aDepartmentsRoundIsReviewedAtOnce() throws Exception {
        given().auth().oauth2(STATS).contentType("text/csv")
                .body("indicatorId,period,value\nR-TRAINS,2021-01,110\nR-TRAINS,2021-02,95\nR-TRAINS,2021-03,130\n"
                        + "R-TRAINS,2021-04,120\n")
                .post("/api/v1/reports/batch").then().statusCode(200)
                .body("created", equalTo(4)).body("submitted", equalTo(4));
        String round = "{\"action\": \"APPROVE\", \"scope\": {\"planId\": \"" + ReviewCatalogue.PLAN
                + "\", \"dept\": \"STATS\", \"round\": \"2021-Q1\"}}";
        review(Tokens.token("planner", "STATS"), round, null).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN_REVIEW"));
        review(OFFICE, round, null).then().statusCode(200).body("count", equalTo(3))
                .body("revisions.period", equalTo(List.of("2021-01", "2021-02", "2021-03")));
        assertEquals(List.of("APPROVED", "APPROVED", "APPROVED", "SUBMITTED"), List.of(state("R-TRAINS", "2021-01", 1),
                state("R-TRAINS", "2021-02", 1), state("R-TRAINS", "2021-03", 1), state("R-TRAINS", "2021-04", 1)));
        review(OFFICE, round, null).then().statusCode(422).body("code", equalTo("NOTHING_TO_REVIEW"));
        review(OFFICE, round.replace(ReviewCatalogue.PLAN, "no-such-plan"), null).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswer() throws Exception {
        push(STATS, "R-GDP", "2023", "5800", null).then().statusCode(201);
        String first = review(OFFICE, approve("R-GDP", "2023", 1), "review-2023").then().statusCode(200)
                .extract().asString();
        String again = review(OFFICE, approve("R-GDP", "2023", 1), "review-2023").then().statusCode(200)
                .extract().asString();
        assertEquals(first, again);
        assertEquals(1, count("select count(*) from report_revision where indicator_id = 'R-GDP' and period = '2023' "
                + "and review_state = 'APPROVED'"));
        review(OFFICE, "{\"action\": \"RETURN\", \"comment\": \"x\", \"items\": [" + item("R-GDP", "2023", 1) + "]}",
                "review-2023").then().statusCode(422);
        review(OFFICE, approve("R-GDP", "2023", 1), null).then().statusCode(409).body("code", equalTo("NOT_SUBMITTED"));
    }

    @Test
    void aReviewThatCannotBeCarriedOutWhollyDecidesNothing() throws Exception {
        push(STATS, "R-GDP", "2024", "6200", null).then().statusCode(201);
        review(OFFICE, "{\"action\": \"APPROVE\", \"items\": [" + item("R-GDP", "2024", 1) + ", "
                + item("R-NONE", "2024", 1) + "]}", null)
                .then().statusCode(404).body("code", equalTo("NOT_FOUND")).body("errors.path", hasItem("items[1]"))
                .body("errors.path", not(hasItem("items[0]")));
        review(OFFICE, approve("R-GDP", "2024", 2), null).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        assertEquals("SUBMITTED", state("R-GDP", "2024", 1));

        push(Tokens.token("reporter", "STATS"), "T-GDP", "2024", "6400", "无评审").then().statusCode(201)
                .body("review", org.hamcrest.Matchers.nullValue());
        int plain = given().auth().oauth2(STATS).get("/api/v1/reports?indicatorId=T-GDP&period=2024").then()
                .extract().path("items[0].revision");
        review(Tokens.token("admin", null), approve("T-GDP", "2024", plain), null).then().statusCode(409)
                .body("code", equalTo("NOT_SUBMITTED"));
        review(OFFICE, approve("T-GDP", "2024", plain), null).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN_REVIEW"));

        for (String[] bad : new String[][] {
                {"{\"action\": \"OK\", \"items\": [" + item("R-GDP", "2024", 1) + "]}", "ACTION_INVALID"},
                {"{\"action\": \"APPROVE\"}", "ITEMS_OR_SCOPE"},
                {"{\"action\": \"APPROVE\", \"items\": [" + item("R-GDP", "2024", 1) + "], \"scope\": {\"planId\": "
                        + "\"review-test\", \"dept\": \"STATS\", \"round\": \"2024\"}}", "ITEMS_OR_SCOPE"},
                {"{\"action\": \"APPROVE\", \"items\": []}", "ITEM_INVALID"},
                {"{\"action\": \"APPROVE\", \"items\": [" + item("R-GDP", "2024", 0) + "]}", "ITEM_INVALID"},
                {"{\"action\": \"APPROVE\", \"items\": [" + item("R-GDP", "2024", 1) + ", " + item("R-GDP", "2024", 1)
                        + "]}", "DUPLICATE_ITEM"},
                {"{\"action\": \"APPROVE\", \"scope\": {\"planId\": \"review-test\", \"dept\": \"STATS\", "
                        + "\"round\": \"2024-Q5\"}}", "SCOPE_INVALID"},
                {"{\"action\": \"APPROVE\", \"why\": 1, \"items\": [" + item("R-GDP", "2024", 1) + "]}", "UNKNOWN_FIELD"},
                {"{\"action\": \"RETURN\", \"comment\": \"a\\u0000b\", \"items\": [" + item("R-GDP", "2024", 1) + "]}",
                        "TEXT_INVALID"}}) {
            review(OFFICE, bad[0], null).then().statusCode(400).body("code", equalTo(bad[1]));
        }
        assertEquals("SUBMITTED", state("R-GDP", "2024", 1));
    }

    private static Response push(String token, String indicatorId, String period, String value, String note) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"indicatorId\": \"" + indicatorId + "\", \"period\": \"" + period + "\", \"value\": " + value
                        + (note == null ? "" : ", \"note\": \"" + note + "\"") + "}")
                .post("/api/v1/reports");
    }

    private static Response review(String token, String body, String key) {
        RequestSpecification request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        return (key == null ? request : request.header("Idempotency-Key", key)).post("/api/v1/reviews");
    }

    private static String approve(String indicatorId, String period, int revision) {
        return "{\"action\": \"APPROVE\", \"items\": [" + item(indicatorId, period, revision) + "]}";
    }

    private static String item(String indicatorId, String period, int revision) {
        return "{\"indicatorId\": \"" + indicatorId + "\", \"period\": \"" + period + "\", \"revision\": " + revision + "}";
    }

    private static List<ConsumerRecord<String, byte[]>> reviewed(List<ConsumerRecord<String, byte[]>> records,
                                                                 String subject) {
        return ofKey(records, subject.substring(0, subject.indexOf('/'))).stream()
                .filter(r -> "planpulse.report.reviewed".equals(header(r, "ce_type"))
                        && subject.equals(header(r, "ce_subject"))).toList();
    }

    private String state(String indicatorId, String period, int revision) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select review_state from report_revision where indicator_id = ? and period = ? and revision = ?")) {
            s.setString(1, indicatorId);
            s.setString(2, period);
            s.setInt(3, revision);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : "none";
            }
        }
    }

    private int count(String query) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(query);
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
