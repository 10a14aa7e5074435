package io.planpulse.indicators.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A report whose transaction waits too long for the database is answered 503 with Retry-After, not
 * held; retried with the same Idempotency-Key once the database answers, it is stored once.
 */
@QuarkusTest
@TestProfile(DatabaseTimeoutTest.ShortTimeout.class)
class DatabaseTimeoutTest extends ServiceTest {

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("planpulse.ingest.database-timeout", "1s");
        }
    }

    private static final String BODY = "{\"indicatorId\": \"T-PROV\", \"period\": \"2021\", \"value\": 4.5}";

    private static Response post() {
        return given().auth().oauth2(Tokens.token("reporter", "STATS")).header("Idempotency-Key", "slow-db-1")
                .contentType(ContentType.JSON).body(BODY).post("/api/v1/reports");
    }

    @Test
    void aRequestTheDatabaseDoesNotAnswerIn503AndItsRetryIsStoredOnce() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // every report reads the heads: while the test holds this lock, the request's transaction waits
            s.execute("lock table report_head in access exclusive mode");
            // without the timeout the request would wait for the lock this thread holds: give up after 30 s
            Response held = CompletableFuture.supplyAsync(DatabaseTimeoutTest::post).get(30, TimeUnit.SECONDS);
            held.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "2")
                    .body("code", equalTo("UNAVAILABLE"));
            c.rollback();
        }
        Response retry = post();
        for (int i = 0; i < 50 && retry.statusCode() == 409; i++) {
            Thread.sleep(100); // the first transaction is finishing behind the 503
            retry = post();
        }
        retry.then().statusCode(201).body("revision", equalTo(1));
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "select count(*) from report_revision where indicator_id = 'T-PROV' and period = '2021'")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }
}
