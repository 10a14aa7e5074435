package io.planpulse.targets.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.planpulse.targets.testing.TestPlans;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Creating and replacing plans over HTTP, against a real PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class PlanWriteTest {

    private static Response put(String planId, String body) {
        return given().auth().oauth2(Tokens.planner()).contentType(ContentType.JSON)
                .body(body.getBytes(StandardCharsets.UTF_8)).put("/api/v1/plans/" + planId);
    }

    @Test
    void createsThenReplacesAndVersionsOnlyWhatChanged() {
        put("write-a", TestPlans.small("write-a", "WA", 6600)).then().statusCode(201)
                .header("ETag", equalTo("\"write-a-v1\""))
                .body("meta.outcome", equalTo("CREATED"))
                .body("meta.version", equalTo(1))
                .body("meta.updatedBy", equalTo("planner-drc"))
                .body("meta.indicators.WA-GDP.version", equalTo(1))
                .body("indicators[0].riskBand", equalTo(0.1f))
                .body("indicators[1].basis", equalTo("PERIOD"));

        put("write-a", TestPlans.small("write-a", "WA", 7000)).then().statusCode(200)
                .header("ETag", equalTo("\"write-a-v2\""))
                .body("meta.outcome", equalTo("REPLACED"))
                .body("meta.version", equalTo(2))
                .body("meta.indicators.WA-GDP.version", equalTo(2))
                .body("meta.indicators.WA-TRAINS.version", equalTo(1))
                .body("indicators[0].target.value", equalTo(7000));

        put("write-a", TestPlans.small("write-a", "WA", 7000)).then().statusCode(200)
                .body("meta.outcome", equalTo("UNCHANGED"))
                .body("meta.version", equalTo(2));
    }

    @Test
    void aDroppedIndicatorIsGoneAndAMovedOneIsVersioned() {
        put("write-b", TestPlans.small("write-b", "WB", 6600)).then().statusCode(201);
        String withoutTrains = TestPlans.withoutTrains("write-b", "WB", 6600)
                .replace("\"indicators\": [\"WB-GDP\"]}", "\"indicators\": [\"WB-GDP\"], \"children\": [{\"id\": \"sub\", \"name\": \"子项\", \"indicators\": []}]}");
        put("write-b", withoutTrains).then().statusCode(200)
                .body("indicators.id", not(hasItem("WB-TRAINS")))
                .body("meta.indicators.WB-GDP.version", equalTo(1));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/indicators/WB-TRAINS").then().statusCode(404);

        String moved = withoutTrains.replace("\"indicators\": [\"WB-GDP\"]", "\"indicators\": []")
                .replace("\"name\": \"子项\", \"indicators\": []", "\"name\": \"子项\", \"indicators\": [\"WB-GDP\"]");
        put("write-b", moved).then().statusCode(200).body("meta.indicators.WB-GDP.version", equalTo(2));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/indicators/WB-GDP").then().statusCode(200)
                .body("nodePath", equalTo(java.util.List.of("economy", "sub")));
    }

    @Test
    void anInvalidDocumentIs422WithEveryProblemAndStoresNothing() {
        String broken = TestPlans.small("write-c", "WC", 6600)
                .replace("\"period\": \"2025\"", "\"period\": \"2019\"")
                .replace("\"owners\": [\"STATS\"], \"target\": {\"period\": \"2021\"", "\"owners\": [\"NOPE\"], \"target\": {\"period\": \"2021\"")
                .replace("\"window\":", "\"colour\": \"red\", \"window\":");
        put("write-c", broken).then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("code", equalTo("PLAN_INVALID"))
                .body("errors.code", hasItems("TARGET_NOT_AFTER_BASELINE", "UNKNOWN_DEPARTMENT", "UNKNOWN_FIELD"))
                .body("errors.path", hasItems("indicators[0].target.period", "indicators[1].owners[0]", "colour"));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/write-c").then().statusCode(404);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/indicators/WC-GDP").then().statusCode(404);
    }

    @Test
    void theStoreKeepsIdsUniqueAcrossPlansAndKindsFixed() {
        put("write-d", TestPlans.small("write-d", "GDP", 6600).replace("GDP-GDP", "GDP-TOTAL")).then().statusCode(422)
                .body("errors.code", hasItem("ID_IN_OTHER_PLAN"))
                .body("errors.message", hasItem(containsString("fyp14")));

        put("write-e", TestPlans.small("write-e", "WE", 6600)).then().statusCode(201);
        put("write-e", TestPlans.small("write-e", "WE", 6600).replace("\"kind\": \"CUMULATIVE\", \"frequency\": \"MONTH\"",
                "\"kind\": \"CUMULATIVE\", \"frequency\": \"QUARTER\"")).then().statusCode(422)
                .body("errors.code", hasItem("IMMUTABLE_FIELD"))
                .body("errors.path", hasItem("indicators[1].frequency"));
        put("write-e", TestPlans.small("write-e", "WE", 6600).replace("\"id\": \"write-e\"", "\"id\": \"write-x\"")).then()
                .statusCode(422).body("errors.code", hasItem("PLAN_ID_MISMATCH"));
    }

    @Test
    void aBodyThatDoesNotParseIs400() {
        put("write-f", "{\"id\": \"write-f\",").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("MALFORMED_BODY"));
        put("write-f", "{\"id\": \"write-f\", \"id\": \"again\"}").then().statusCode(400)
                .body("detail", containsString("Duplicate field"));
        given().auth().oauth2(Tokens.planner()).contentType("application/yaml")
                .body("id: [unclosed".getBytes(StandardCharsets.UTF_8)).put("/api/v1/plans/write-f")
                .then().statusCode(400).body("detail", containsString("YAML"));
        put("write-f", "").then().statusCode(400);
        given().auth().oauth2(Tokens.planner()).contentType(ContentType.TEXT).body("id: x")
                .put("/api/v1/plans/write-f").then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/write-f").then().statusCode(404);
    }

    @Test
    void ifMatchGuardsAgainstLostUpdates() {
        String etag = put("write-g", TestPlans.small("write-g", "WG", 6600)).then().statusCode(201).extract().header("ETag");
        given().auth().oauth2(Tokens.planner()).header("If-Match", etag).contentType(ContentType.JSON)
                .body(TestPlans.small("write-g", "WG", 6700)).put("/api/v1/plans/write-g").then().statusCode(200)
                .body("meta.version", equalTo(2));
        given().auth().oauth2(Tokens.planner()).header("If-Match", etag).contentType(ContentType.JSON)
                .body(TestPlans.small("write-g", "WG", 6800)).put("/api/v1/plans/write-g").then().statusCode(412)
                .contentType("application/problem+json")
                .body("code", equalTo("PLAN_CHANGED"))
                .body("detail", containsString("\"write-g-v2\""));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/write-g").then()
                .body("indicators[0].target.value", equalTo(6700));
        given().auth().oauth2(Tokens.planner()).header("If-Match", "\"write-h-v1\"").contentType(ContentType.JSON)
                .body(TestPlans.small("write-h", "WH", 6600)).put("/api/v1/plans/write-h").then().statusCode(412);
    }

    @Test
    void chineseTextRoundTripsThroughYaml() {
        String yaml = """
                id: write-i
                name: 丽水市"十四五"规划（测试）
                window: { from: 2021, to: 2025 }
                departments: [ { code: FTZ, name: 自贸试验区金义片区管委会 } ]
                indicators:
                  - id: WI-DEPOT
                    name: 大宗商品现货交割库
                    kind: MILESTONE
                    frequency: MONTH
                    owners: [FTZ]
                    stages: [申请, 获批, 开库]
                    target: { period: 2021-12 }
                    note: 争取尽早在金义综保区设立——“交割库”
                """;
        given().auth().oauth2(Tokens.planner()).contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).put("/api/v1/plans/write-i")
                .then().statusCode(201)
                .body("name", equalTo("丽水市\"十四五\"规划（测试）"))
                .body("indicators[0].stages", equalTo(java.util.List.of("申请", "获批", "开库")))
                .body("indicators[0].note", equalTo("争取尽早在金义综保区设立——“交割库”"))
                .body("window.from", equalTo("2021"));
    }
}
