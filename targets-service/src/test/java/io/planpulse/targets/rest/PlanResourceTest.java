package io.planpulse.targets.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class PlanResourceTest {

    @Test
    void theShippedPlanIsLoadedOnAnEmptyDatabaseAndReadsBackInChinese() {
        given().auth().oauth2(Tokens.viewer())
                .when().get("/api/v1/plans/fyp14")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", notNullValue())
                .body("name", equalTo("丽水市国民经济和社会发展第十四个五年规划"))
                .body("window.from", equalTo("2021"))
                .body("timeZone", equalTo("Asia/Shanghai"))
                .body("indicators.id", hasItems("GDP-AVG-GROWTH", "GDP-TOTAL", "FTZ-GDP-VS-PROV", "YXE-TRAINS",
                        "FTZ-COMMODITY-DEPOT", "FAI-GROWTH", "RD-UNIV", "SCI-ENCLAVES", "ECO-DEMO-CITY"))
                .body("indicators.find { it.id == 'GDP-TOTAL' }.target.value", equalTo(6600))
                .body("indicators.find { it.id == 'GDP-TOTAL' }.name", equalTo("地区生产总值"))
                .body("indicators.find { it.id == 'YXE-TRAINS' }.dueDays", equalTo(20))
                .body("nodes.id", hasItems("nine-constructions", "ftz", "four-actions", "benchmarks"))
                .body("meta.updatedBy", equalTo("system:seed"))
                .body("meta.indicators.GDP-TOTAL.version", greaterThanOrEqualTo(1));
    }

    @Test
    void whatIsReadCanBePutBackUnchanged() {
        Response read = given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/fyp14");
        int version = read.path("meta.version");
        given().auth().oauth2(Tokens.planner())
                .contentType(ContentType.JSON).body(read.asByteArray())
                .when().put("/api/v1/plans/fyp14")
                .then().statusCode(200)
                .body("meta.outcome", equalTo("UNCHANGED"))
                .body("meta.version", equalTo(version));
    }

    @Test
    void yamlIsReadAndWrittenToo() {
        String yaml = given().auth().oauth2(Tokens.viewer()).accept("application/yaml")
                .get("/api/v1/plans/fyp14")
                .then().statusCode(200).contentType(containsString("application/yaml"))
                .extract().asString();
        assertEquals(true, yaml.contains("name: 丽水市国民经济和社会发展第十四个五年规划"), yaml.substring(0, 200));
        given().auth().oauth2(Tokens.planner())
                .contentType("application/yaml; charset=UTF-8").body(yaml.getBytes(StandardCharsets.UTF_8))
                .when().put("/api/v1/plans/fyp14")
                .then().statusCode(200)
                .body("meta.outcome", equalTo("UNCHANGED"));
    }

    @Test
    void readsNeedATokenAndWritesAPlanner() {
        given().when().get("/api/v1/plans/fyp14")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
        given().auth().oauth2(Tokens.signedByStranger("planner")).when().get("/api/v1/plans/fyp14")
                .then().statusCode(401).body("code", equalTo("INVALID_TOKEN"));
        given().auth().oauth2(Tokens.withIssuer("someone-else", "planner")).when().get("/api/v1/plans/fyp14")
                .then().statusCode(401).body("code", equalTo("INVALID_TOKEN"));
        for (String role : new String[] {"viewer", "reporter"}) {
            given().auth().oauth2(Tokens.token(role, "STATS"))
                    .contentType(ContentType.JSON).body("{}")
                    .when().put("/api/v1/plans/fyp14")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("code", equalTo("FORBIDDEN"));
        }
        given().auth().oauth2(Tokens.token("reporter", "STATS")).when().get("/api/v1/plans")
                .then().statusCode(200).body("items.id", hasItem("fyp14"));
    }

    @Test
    void healthAndApiDescriptionNeedNoToken() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/started").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/plans/{planId}'.put", notNullValue());
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void anUnknownPlanIs404() {
        given().auth().oauth2(Tokens.viewer()).when().get("/api/v1/plans/no-such-plan")
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("errors", nullValue());
        given().auth().oauth2(Tokens.viewer()).when().get("/api/v1/indicators/NO-SUCH")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void departmentsAndIndicatorsAreReadOnTheirOwn() {
        given().auth().oauth2(Tokens.viewer()).when().get("/api/v1/plans/fyp14/departments")
                .then().statusCode(200)
                .body("items.code", hasItems("STATS", "FTZ", "SCITECH"))
                .body("items.find { it.code == 'STATS' }.name", equalTo("市统计局"));
        given().auth().oauth2(Tokens.viewer()).when().get("/api/v1/indicators/FTZ-FX-SETTLEMENT")
                .then().statusCode(200)
                .body("planId", equalTo("fyp14"))
                .body("nodePath", equalTo(java.util.List.of("ftz", "ftz-five-freedoms", "ftz-capital-freedom")))
                .body("kind", equalTo("CUMULATIVE"))
                .body("basis", equalTo("YTD"))
                .body("owners", hasSize(2))
                .body("meta.version", greaterThanOrEqualTo(1));
    }
}
