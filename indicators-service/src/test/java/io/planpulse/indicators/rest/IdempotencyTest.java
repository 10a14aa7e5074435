package io.planpulse.indicators.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.indicators.testing.Catalogue;
import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retries with an Idempotency-Key get the first answer, and nothing is stored twice. */
@QuarkusTest
class IdempotencyTest extends ServiceTest {

    private static Response post(String token, String key, String path, String body) {
        return given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post(path);
    }

    private static String stats() {
        return Tokens.token("reporter", "STATS");
    }

    private int revisionsOf(String indicatorId, String period) {
        int[] n = new int[1];
        Catalogue.await(db, "select count(*) from report_revision where indicator_id = '" + indicatorId
                + "' and period = '" + period + "'", c -> {
                    n[0] = c;
                    return true;
                }, Duration.ofSeconds(1));
        return n[0];
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswer() {
        String body = "{\"indicatorId\": \"T-PROV\", \"period\": \"2022\", \"value\": 6.5}";
        Response first = post(stats(), "retry-1", "/api/v1/reports", body);
        first.then().statusCode(201).body("revision", equalTo(1));
        post(stats(), "retry-1", "/api/v1/reports", "{\"value\": 6.50, \"period\": \"2022\", \"indicatorId\": \"T-PROV\"}")
                .then().statusCode(201).body("revision", equalTo(1)).body("outcome", equalTo("CREATED"));
        assertEquals(1, revisionsOf("T-PROV", "2022"));

        post(stats(), "retry-1", "/api/v1/reports", "{\"indicatorId\": \"T-PROV\", \"period\": \"2022\", \"value\": 7}")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        post(stats(), "retry-1", "/api/v1/reports/batch", "{\"reports\": []}")
                .then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));

        post(Tokens.token("reporter", "FTZ"), "retry-1", "/api/v1/reports",
                "{\"indicatorId\": \"T-FTZ\", \"period\": \"2022\", \"value\": 9}")
                .then().statusCode(201).body("revision", equalTo(1));
    }

    @Test
    void aRefusalIsReplayedTooAndABatchLikewise() {
        String refused = "{\"indicatorId\": \"T-PROV\", \"period\": \"2027\", \"value\": 6.5}";
        post(stats(), "retry-2", "/api/v1/reports", refused).then().statusCode(422).body("code", equalTo("PERIOD_IN_FUTURE"));
        post(stats(), "retry-2", "/api/v1/reports", refused).then().statusCode(422).body("code", equalTo("PERIOD_IN_FUTURE"));

        String batch = "{\"reports\": [{\"indicatorId\": \"T-PROV\", \"period\": \"2023\", \"value\": 6.1}]}";
        post(stats(), "retry-3", "/api/v1/reports/batch", batch).then().statusCode(200).body("created", equalTo(1));
        post(stats(), "retry-3", "/api/v1/reports/batch", batch).then().statusCode(200).body("created", equalTo(1));
        assertEquals(1, revisionsOf("T-PROV", "2023"));
        post(stats(), "retry-4", "/api/v1/reports/batch", batch).then().statusCode(200).body("unchanged", equalTo(1));
    }

    @Test
    void aRetryWhileTheFirstStillRunsIs409() throws Exception {
        String body = "{\"indicatorId\": \"T-PROV\", \"period\": \"2024\", \"value\": 6.2}";
        // The first request with the key holds its lock while it runs; here the test holds it.
        int lockId = ("reporter-stats" + "\n" + "retry-5").hashCode();
        try (Connection c = db.getConnection();
             PreparedStatement lock = c.prepareStatement("select pg_advisory_lock(7321, ?)");
             PreparedStatement unlock = c.prepareStatement("select pg_advisory_unlock(7321, ?)")) {
            lock.setInt(1, lockId);
            lock.execute();
            try {
                post(stats(), "retry-5", "/api/v1/reports", body).then().statusCode(409)
                        .contentType("application/problem+json").header("Retry-After", "1")
                        .body("code", equalTo("IDEMPOTENCY_KEY_IN_USE"));
                assertEquals(0, revisionsOf("T-PROV", "2024"));
            } finally {
                unlock.setInt(1, lockId);
                unlock.execute();
            }
        }
        post(stats(), "retry-5", "/api/v1/reports", body).then().statusCode(201);
    }

    @Test
    void aKeyMustBeShort() {
        post(stats(), "k".repeat(201), "/api/v1/reports", "{}").then().statusCode(400)
                .body("code", equalTo("INVALID_IDEMPOTENCY_KEY"));
    }
}
