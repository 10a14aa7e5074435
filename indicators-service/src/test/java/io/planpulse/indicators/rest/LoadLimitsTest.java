package io.planpulse.indicators.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A department over its rate gets 429 with Retry-After while others go on; writes beyond what the
 * service serves at once get 503 OVERLOADED at once; neither stores anything.
 */
@QuarkusTest
@TestProfile(LoadLimitsTest.TightLimits.class)
class LoadLimitsTest extends ServiceTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a token every 10 s: the fourth request of a burst of three is refused however slow the test runs
            return Map.of("planpulse.ingest.department-rate", "0.1", "planpulse.ingest.department-burst", "3",
                    "planpulse.ingest.max-in-flight", "2");
        }
    }

    private static Response post(String token, String indicator, String period) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"indicatorId\": \"" + indicator + "\", \"period\": \"" + period + "\", \"value\": 4700}")
                .post("/api/v1/reports");
    }

    private int stored(String indicator, String period) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "select count(*) from report_revision where indicator_id = '" + indicator + "' and period = '" + period + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void aDepartmentOverItsRateIs429AndTheOthersGoOn() throws Exception {
        String stats = Tokens.token("reporter", "STATS");
        for (String year : List.of("2021", "2022", "2023")) {
            post(stats, "T-GDP", year).then().statusCode(201);
        }
        post(stats, "T-GDP", "2024").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("([1-9]|10)"))
                .body("code", equalTo("RATE_LIMITED"))
                .body("detail", containsString("STATS"));
        assertEquals(0, stored("T-GDP", "2024"));
        // the same department under another subject shares the department's rate
        post(Tokens.token("reporter", "STATS"), "T-GDP", "2025").then().statusCode(429);

        post(Tokens.token("reporter", "PBOC"), "T-FX", "2021-01").then().statusCode(201);
        post(Tokens.token("admin", null), "T-GDP", "2024").then().statusCode(201);
        assertEquals(1, stored("T-GDP", "2024"));
    }

    @Test
    void writesBeyondWhatTheServiceServesAtOnceAre503AtOnceAndTheServiceRecovers() throws Exception {
        String admin = Tokens.token("admin", null);
        CompletableFuture<Response> first;
        CompletableFuture<Response> second;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // every report reads the heads: while the test holds this lock, two reports stay in flight
            s.execute("lock table report_head in access exclusive mode");
            first = CompletableFuture.supplyAsync(() -> post(admin, "T-PROV", "2022"));
            second = CompletableFuture.supplyAsync(() -> post(admin, "T-PROV", "2023"));
            awaitWaitingOnTheLock(2);
            post(admin, "T-PROV", "2024").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("code", equalTo("OVERLOADED"));
            c.rollback();
        }
        first.get(30, TimeUnit.SECONDS).then().statusCode(201);
        second.get(30, TimeUnit.SECONDS).then().statusCode(201);
        assertEquals(0, stored("T-PROV", "2024"));
        post(admin, "T-PROV", "2024").then().statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("planpulse_reports_overloaded_total"))
                .body(containsString("planpulse_reports_rate_limited_total"));
    }

    private void awaitWaitingOnTheLock(int sessions) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
                rows.next();
                if (rows.getInt(1) >= sessions) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(sessions + " requests never waited on the lock");
    }
}
