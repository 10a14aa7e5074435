package io.planpulse.indicators.rest;

import static io.planpulse.testing.TopicReader.header;
import static io.planpulse.testing.TopicReader.ofKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.indicators.testing.ReviewCatalogue;
import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.model.event.Topics;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A department's corrected spreadsheet sent again as a scoped replace (DESIGN §5, "Scoped
 * replace"): the dry run lists what would be withdrawn, the replace withdraws it with its reason
 * and its events, a replace is whole or nothing, a scope reaching another department's indicator
 * or a row outside it is refused, and in a reviewed plan what it changes waits for review again.
 * Each test uses indicators and periods of its own: the database is shared.
 */
@QuarkusTest
class ReplaceTest extends ServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATS = Tokens.token("reporter", "STATS");

    @BeforeEach
    void sendCsvWithoutADefaultCharset() {
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false));
        ReviewCatalogue.ensure(broker.bootstrapServers(), db);
    }

    @Test
    void theCorrectedFileReplacesItsScopeAndWithdrawsWhatItNoLongerHolds() throws Exception {
        csv(STATS, "indicatorId,period,value\nT-FAI,2021-07,7.1\nT-FAI,2021-08,7.2\nT-FAI,2021-09,7.3\n"
                + "T-FAI,2021-10,7.4\n", Map.of(), null).then().statusCode(200).body("created", equalTo(4));
        String corrected = "indicatorId,period,value\nT-FAI,2021-07,7.1\nT-FAI,2021-08,7.25\n";
        Map<String, Object> scope = Map.of("replaceFrom", "2021-Q3", "replaceTo", "2021-Q3",
                "replaceReason", "统计局核定数更正");

        csv(STATS, corrected, with(scope, "dryRun", true), null).then().statusCode(200)
                .body("unchanged", equalTo(1)).body("revised", equalTo(1)).body("withdrawn", equalTo(1))
                .body("atomic", equalTo(true)).body("stored", equalTo(false))
                .body("replace.from", equalTo("2021-Q3")).body("replace.to", equalTo("2021-Q3"))
                .body("replace.reason", equalTo("统计局核定数更正"))
                .body("replace.withdrawals.period", equalTo(List.of("2021-09")))
                .body("replace.withdrawals[0].indicatorId", equalTo("T-FAI"))
                .body("replace.withdrawals[0].revision", equalTo(2));
        assertEquals(4, count("select count(*) from report_revision where indicator_id = 'T-FAI' "
                + "and period between '2021-07' and '2021-10'"), "a dry run stores nothing");

        String first = csv(STATS, corrected, scope, "replace-fai-q3").then().statusCode(200)
                .body("stored", equalTo(true)).body("withdrawn", equalTo(1))
                .body("replace.withdrawals.period", equalTo(List.of("2021-09"))).extract().asString();
        assertEquals(first, csv(STATS, corrected, scope, "replace-fai-q3").then().statusCode(200).extract().asString(),
                "a retry with the key gets the first answer");
        csv(STATS, corrected, with(scope, "replaceReason", "另一个原因"), "replace-fai-q3").then().statusCode(422);
        given().auth().oauth2(STATS).get("/api/v1/reports?indicatorId=T-FAI&period=2021-09").then().statusCode(200)
                .body("items[0].revision", equalTo(2)).body("items[0].withdrawn", equalTo(true))
                .body("items[0].reason", equalTo("统计局核定数更正"));
        given().auth().oauth2(STATS).get("/api/v1/reports?indicatorId=T-FAI&period=2021-10").then().statusCode(200)
                .body("total", equalTo(1));
        given().auth().oauth2(STATS).get("/api/v1/reports?indicatorId=T-FAI&period=2021-08").then().statusCode(200)
                .body("items[0].value", equalTo(7.25f));

        csv(STATS, corrected, scope, null).then().statusCode(200).body("unchanged", equalTo(2))
                .body("withdrawn", equalTo(0)).body("replace.withdrawals", equalTo(List.of()));

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.INDICATOR_REPORTS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> accepted(r, "T-FAI/2021-09").size() == 2,
                    Duration.ofSeconds(60));
            JsonNode withdrawal = JSON.readTree(accepted(records, "T-FAI/2021-09").get(1).value());
            assertEquals(List.of(2, true, "统计局核定数更正"), List.of(withdrawal.get("revision").asInt(),
                    withdrawal.get("withdrawn").asBoolean(), withdrawal.get("reason").asText()));
        }
    }

    @Test
    void aReplaceIsWholeOrNothing() throws Exception {
        json(STATS, """
                {"reports": [{"indicatorId": "T-FAI", "period": "2021-11", "value": 7.5},
                             {"indicatorId": "T-FAI", "period": "2021-12", "value": 7.6}]}""")
                .then().statusCode(200).body("created", equalTo(2));

        json(Tokens.token("reporter", "TRANSPORT"), """
                {"replace": {"from": "2021-11", "to": "2021-12", "reason": "更正"},
                 "reports": [{"indicatorId": "T-TRAINS", "period": "2021-11", "value": 1},
                             {"indicatorId": "T-FAI", "period": "2021-11", "value": 7.7}]}""")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN_SCOPE"))
                .body("detail", containsString("T-FAI"));

        byte[] workbook = Workbooks.of(new Object[] {"indicatorId", "period", "value"},
                new Object[] {"T-FAI", "2021-11", 7.7}, new Object[] {"T-FAI", "2021-10", 1.0});
        given().auth().oauth2(STATS).contentType(ReportResource.XLSX).queryParam("replaceFrom", "2021-11")
                .queryParam("replaceTo", "2021-12").queryParam("replaceReason", "更正").body(workbook)
                .post("/api/v1/reports/batch").then().statusCode(422).body("code", equalTo("BATCH_REJECTED"))
                .body("stored", equalTo(false)).body("conflicts[0].index", equalTo(1))
                .body("conflicts[0].code", equalTo("OUTSIDE_SCOPE"))
                .body("replace.withdrawals.period", equalTo(List.of("2021-12")));

        for (String[] bad : new String[][] {
                {"{\"replace\": {\"from\": \"2021-11\", \"to\": \"2021-12\"}, \"reports\": []}", "reason"},
                {"{\"replace\": {\"from\": \"2021-11\", \"reason\": \"更正\"}, \"reports\": []}", "to is missing"},
                {"{\"replace\": {\"from\": \"2021-12\", \"to\": \"2021-11\", \"reason\": \"更正\"}, \"reports\": []}",
                        "backwards"},
                {"{\"replace\": {\"from\": \"2021-13\", \"to\": \"2021-12\", \"reason\": \"更正\"}, \"reports\": []}",
                        "2021-13"},
                {"{\"replace\": {\"from\": \"2021-11\", \"to\": \"2021-12\", \"reason\": \"a\\u0000b\"}, \"reports\": []}",
                        "control characters"},
                {"{\"replace\": {\"from\": \"2021-11\", \"to\": \"2021-12\", \"reason\": \"更正\", \"dept\": \"X\"}, "
                        + "\"reports\": []}", "dept"},
                {"{\"replace\": \"2021-11\", \"reports\": []}", "object"},
                {"{\"atomic\": false, \"replace\": {\"from\": \"2021-11\", \"to\": \"2021-12\", \"reason\": \"更正\"}, "
                        + "\"reports\": []}", "whole or not at all"}}) {
            json(STATS, bad[0]).then().statusCode(400).body("code", equalTo("REPLACE_INVALID"))
                    .body("detail", containsString(bad[1]));
        }
        csv(STATS, "indicatorId,period,value\nT-FAI,2021-11,7.7\n", Map.of("replaceFrom", "2021-11",
                "replaceTo", "2021-12", "replaceReason", "更正", "atomic", false), null).then().statusCode(400)
                .body("code", equalTo("REPLACE_INVALID"));

        assertEquals(2, count("select count(*) from report_revision where indicator_id = 'T-FAI' "
                + "and period in ('2021-11', '2021-12')"), "no refused replace stored anything");
    }

    @Test
    void inAReviewedPlanWhatAReplaceChangesWaitsForReviewAgain() throws Exception {
        csv(STATS, "indicatorId,period,value\nR-TRAINS,2021-05,140\nR-TRAINS,2021-06,150\n", Map.of(), null)
                .then().statusCode(200).body("submitted", equalTo(2));
        given().auth().oauth2(Tokens.token("planner", ReviewCatalogue.OFFICE)).contentType(ContentType.JSON)
                .body("{\"action\": \"APPROVE\", \"scope\": {\"planId\": \"" + ReviewCatalogue.PLAN
                        + "\", \"dept\": \"STATS\", \"round\": \"2021-Q2\"}}")
                .post("/api/v1/reviews").then().statusCode(200);

        csv(STATS, "indicatorId,period,value\nR-TRAINS,2021-05,141\n", Map.of("replaceFrom", "2021-05",
                "replaceTo", "2021-06", "replaceReason", "按年报更正"), null).then().statusCode(200)
                .body("revised", equalTo(1)).body("withdrawn", equalTo(1)).body("submitted", equalTo(2));
        assertEquals(List.of("APPROVED", "SUBMITTED", "APPROVED", "SUBMITTED"), states("R-TRAINS",
                List.of("2021-05", "2021-06")));
        given().auth().oauth2(STATS).get("/api/v1/reviews?state=SUBMITTED&planId=" + ReviewCatalogue.PLAN)
                .then().statusCode(200)
                .body("items.findAll { it.indicatorId == 'R-TRAINS' && (it.period == '2021-05' || it.period == '2021-06') }"
                        + ".withdrawn", equalTo(List.of(false, true)));
    }

    private static Map<String, Object> with(Map<String, Object> parameters, String name, Object value) {
        Map<String, Object> more = new java.util.HashMap<>(parameters);
        more.put(name, value);
        return more;
    }

    private static Response csv(String token, String body, Map<String, Object> parameters, String key) {
        RequestSpecification request = given().auth().oauth2(token).contentType("text/csv").queryParams(parameters)
                .body(body.getBytes(StandardCharsets.UTF_8));
        return (key == null ? request : request.header("Idempotency-Key", key)).post("/api/v1/reports/batch");
    }

    private static Response json(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/reports/batch");
    }

    private static List<ConsumerRecord<String, byte[]>> accepted(List<ConsumerRecord<String, byte[]>> records,
                                                                 String subject) {
        return ofKey(records, subject.substring(0, subject.indexOf('/'))).stream()
                .filter(r -> "planpulse.report.accepted".equals(header(r, "ce_type"))
                        && subject.equals(header(r, "ce_subject"))).toList();
    }

    /** Each period's revisions' review states, oldest first. */
    private List<String> states(String indicatorId, List<String> periods) throws Exception {
        List<String> states = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select review_state from report_revision where indicator_id = ? and period = any(?) "
                        + "order by period, revision")) {
            s.setString(1, indicatorId);
            s.setArray(2, c.createArrayOf("text", periods.toArray()));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    states.add(rows.getString(1));
                }
            }
        }
        return states;
    }

    private int count(String query) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(query);
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
