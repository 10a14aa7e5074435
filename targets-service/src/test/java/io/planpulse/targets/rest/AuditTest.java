package io.planpulse.targets.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.platform.audit.AuditTrail;
import io.planpulse.targets.testing.TestPlans;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit trail (DESIGN §8): every write on record, refused ones too, read by admins only, kept for its retention. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class AuditTest {

    @Inject
    AuditTrail trail;

    @Inject
    Pool pool;

    @Test
    void everyWriteIsOnRecordWithWhoWhatHowItEndedAndFromWhere() {
        byte[] plan = TestPlans.small("audit-a", "AU", 6600).getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(Tokens.planner()).contentType(ContentType.JSON).body(plan).put("/api/v1/plans/audit-a")
                .then().statusCode(201);
        given().auth().oauth2(Tokens.token("viewer", "STATS")).contentType(ContentType.JSON).body(plan)
                .put("/api/v1/plans/audit-a").then().statusCode(403);
        given().auth().oauth2(Tokens.forged(Tokens.Forgery.TAMPERED)).contentType(ContentType.JSON).body(plan)
                .put("/api/v1/plans/audit-a").then().statusCode(401);
        given().auth().oauth2(Tokens.planner()).get("/api/v1/plans/audit-a").then().statusCode(200);

        List<Map<String, Object>> events = given().auth().oauth2(Tokens.token("admin", null))
                .queryParam("actor", "planner-drc").get("/api/v1/audit/targets")
                .then().statusCode(200).extract().path("events");
        Map<String, Object> put = events.stream().filter(e -> "PUT /api/v1/plans/audit-a".equals(e.get("what")))
                .findFirst().orElseThrow(() -> new AssertionError("the planner's write is on record: " + events));
        assertEquals("write", put.get("action"));
        assertEquals(201, put.get("outcome"));
        assertEquals("DRC", put.get("dept"));
        assertEquals("127.0.0.1", put.get("origin"));
        assertTrue(events.stream().noneMatch(e -> "GET".equals(String.valueOf(e.get("what")).split(" ")[0])), "reads are not");

        List<Map<String, Object>> all = given().auth().oauth2(Tokens.token("admin", null)).queryParam("limit", 1000)
                .get("/api/v1/audit/targets").then().statusCode(200).extract().path("events");
        assertTrue(all.stream().anyMatch(e -> "viewer-stats".equals(e.get("actor")) && Integer.valueOf(403).equals(e.get("outcome"))),
                "a refused write is on record: " + all);
        assertTrue(all.stream().anyMatch(e -> "anonymous".equals(e.get("actor")) && Integer.valueOf(401).equals(e.get("outcome"))
                && "PUT /api/v1/plans/audit-a".equals(e.get("what"))), "a write with a bad token too: " + all);
    }

    @Test
    void onlyAnAdminReadsTheTrail() {
        for (String role : new String[] {"viewer", "planner", "reporter"}) {
            given().auth().oauth2(Tokens.token(role, "DRC")).get("/api/v1/audit/targets").then().statusCode(403);
        }
        given().get("/api/v1/audit/targets").then().statusCode(401);
        given().auth().oauth2(Tokens.token("admin", null)).queryParam("from", "yesterday").get("/api/v1/audit/targets")
                .then().statusCode(400).body("code", equalTo("INVALID_FROM"));
    }

    @Test
    void eventsOlderThanTheRetentionAreRemoved() {
        trail.record("someone", null, "write", "PUT /old", 200, null).await().indefinitely();
        pool.query("update audit_event set at = at - interval '401 days' where what = 'PUT /old'").execute()
                .await().indefinitely();
        trail.record("someone", null, "write", "PUT /recent", 200, null).await().indefinitely();
        trail.removeExpired().await().indefinitely();
        List<String> kept = trail.read(Instant.EPOCH, Instant.now().plus(Duration.ofDays(3650)), "someone", 10)
                .await().indefinitely().stream().map(e -> e.what()).toList();
        assertEquals(List.of("PUT /recent"), kept);
    }
}
