package io.planpulse.indicators.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One report at a time, as a department system sends them, against real PostgreSQL and Kafka. */
@QuarkusTest
class ReportResourceTest extends ServiceTest {

    static ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports").then();
    }

    static String transport() {
        return Tokens.token("reporter", "TRANSPORT");
    }

    @Test
    void aValueIsCreatedRevisedLeftUnchangedWithdrawnAndListed() {
        post(transport(), """
                {"indicatorId": "T-TRAINS", "period": "2021-04", "value": 1.5, "provisional": true, "source": "快报"}""")
                .statusCode(201)
                .body("indicatorId", equalTo("T-TRAINS"))
                .body("period", equalTo("2021-04"))
                .body("revision", equalTo(1))
                .body("outcome", equalTo("CREATED"))
                .body("warnings", hasSize(0));
        post(transport(), """
                {"indicatorId": "T-TRAINS", "period": "2021-04", "value": 1.50, "provisional": true}""")
                .statusCode(200).body("outcome", equalTo("UNCHANGED")).body("revision", equalTo(1));
        post(Tokens.token("reporter", "FTZ"), """
                {"indicatorId": "T-TRAINS", "period": "2021-04", "value": 1.6, "note": "统计局终核数", "source": "月报"}""")
                .statusCode(201).body("outcome", equalTo("REVISED")).body("revision", equalTo(2));
        post(transport(), """
                {"indicatorId": "T-TRAINS", "period": "2021-04", "withdrawn": true, "reason": "误报为片区口径"}""")
                .statusCode(201).body("outcome", equalTo("WITHDRAWN")).body("revision", equalTo(3));

        given().auth().oauth2(Tokens.viewer()).queryParam("indicatorId", "T-TRAINS").queryParam("period", "2021-04")
                .get("/api/v1/reports").then().statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("items.revision", equalTo(List.of(3, 2, 1)))
                .body("items[0].withdrawn", equalTo(true))
                .body("items[0].value", nullValue())
                .body("items[0].reason", equalTo("误报为片区口径"))
                .body("items[1].value", equalTo(1.6f))
                .body("items[1].note", equalTo("统计局终核数"))
                .body("items[1].reportedBy.dept", equalTo("FTZ"))
                .body("items[1].reportedBy.subject", equalTo("reporter-ftz"))
                .body("items[2].provisional", equalTo(true))
                .body("items[2].source", equalTo("快报"))
                .body("items[2].receivedAt", equalTo("2026-03-15T02:00:00Z"));
        given().auth().oauth2(Tokens.viewer()).queryParam("indicatorId", "T-TRAINS").queryParam("period", "2021-04")
                .queryParam("size", 2).queryParam("page", 1)
                .get("/api/v1/reports").then().statusCode(200).body("items.revision", equalTo(List.of(1)));
        given().auth().oauth2(Tokens.viewer()).queryParam("size", 501).get("/api/v1/reports").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_PAGE_SIZE"));
    }

    @Test
    void aRefusedReportIs422WithItsRowCode() {
        post(transport(), "{\"indicatorId\": \"T-TRAINS\", \"period\": \"2022-01\", \"value\": 3}")
                .statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("PERIOD_OUTSIDE_WINDOW"))
                .body("detail", containsString("2021-01..2021-12"));
        post(transport(), "{\"indicatorId\": \"T-TRAINS\", \"period\": \"2021-05\", \"value\": \"many\"}")
                .statusCode(422).body("code", equalTo("VALUE_INVALID"));
        post(Tokens.token("reporter", "STATS"), "{\"indicatorId\": \"T-PROV\", \"period\": \"2027\", \"value\": 6}")
                .statusCode(422).body("code", equalTo("PERIOD_IN_FUTURE"));
        post(Tokens.token("reporter", "FTZ"), "{\"indicatorId\": \"T-REL\", \"period\": \"2021\", \"value\": 2}")
                .statusCode(422).body("code", equalTo("NOT_REPORTABLE"));
        post(Tokens.token("reporter", "FTZ"), "{\"indicatorId\": \"T-DEPOT\", \"period\": \"2021-06\", \"value\": 5}")
                .statusCode(422).body("code", equalTo("STAGE_INVALID"));
        post(transport(), "{\"indicatorId\": \"NOPE\", \"period\": \"2021-05\", \"value\": 3}")
                .statusCode(422).body("code", equalTo("UNKNOWN_INDICATOR"));
    }

    @Test
    void anotherDepartmentsIndicatorIs403AndOnlyReportersAndAdminsWrite() {
        post(Tokens.token("reporter", "STATS"), "{\"indicatorId\": \"T-TRAINS\", \"period\": \"2021-05\", \"value\": 3}")
                .statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN_INDICATOR"))
                .body("detail", containsString("STATS"));
        post(Tokens.token("planner", "DRC"), "{\"indicatorId\": \"T-TRAINS\", \"period\": \"2021-05\", \"value\": 3}")
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
        post(Tokens.viewer(), "{\"indicatorId\": \"T-TRAINS\", \"period\": \"2021-05\", \"value\": 3}").statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/reports").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        post(Tokens.token("admin", "DRC"), "{\"indicatorId\": \"T-TRAINS\", \"period\": \"2021-05\", \"value\": 130}")
                .statusCode(201);
    }

    @Test
    void malformedBodiesAre400AndNeverA500() {
        post(transport(), "{\"indicatorId\": \"T-TRAINS\",").statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("MALFORMED_BODY"));
        post(transport(), "[1, 2]").statusCode(400);
        post(transport(), "").statusCode(400);
        post(transport(), "\"just a string\"").statusCode(400);
        given().auth().oauth2(transport()).contentType(ContentType.XML).body("<report/>").post("/api/v1/reports")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aDepartmentSeesWhatItOwes() {
        given().auth().oauth2(Tokens.token("reporter", "MARKET")).queryParam("dept", "MARKET")
                .get("/api/v1/obligations").then().statusCode(200)
                .body("dept", equalTo("MARKET"))
                .body("items.indicatorId", equalTo(List.of("T-FIRMS")))
                .body("items[0].overdue.period", equalTo(List.of("2020", "2021")))
                .body("items[0].overdue[1].dueDate", equalTo("2022-03-31"))
                .body("items[0].nextDueDate", nullValue());
        given().auth().oauth2(Tokens.viewer()).queryParam("dept", "nope").get("/api/v1/obligations").then()
                .statusCode(400).body("code", equalTo("INVALID_DEPARTMENT"));
    }
}
