package io.planpulse.targets.messaging;

import static io.planpulse.testing.TopicReader.header;
import static io.planpulse.testing.TopicReader.ofKey;
import static io.planpulse.testing.TopicReader.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.local.KafkaBroker;
import io.planpulse.model.event.Topics;
import io.planpulse.targets.testing.TestPlans;
import io.planpulse.testing.InjectKafkaBroker;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What targets-service publishes on plan.targets.v1, read back from a real broker. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class PlanEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaBroker
    KafkaBroker broker;

    private static void put(String planId, String body) {
        given().auth().oauth2(Tokens.planner()).contentType(ContentType.JSON).body(body)
                .put("/api/v1/plans/" + planId + "?reason=测试").then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) throws IOException {
        return JSON.readTree(record.value());
    }

    private static boolean hasVersion(List<ConsumerRecord<String, byte[]>> records, String key, int version) {
        return ofKey(records, key).stream().anyMatch(r -> version(r) == version);
    }

    @Test
    void aNewPlanPublishesEachIndicatorAndThePlanAsCloudEvents() throws IOException {
        put("events-a", TestPlans.small("events-a", "EA", 6600));
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PLAN_TARGETS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> hasVersion(r, "EA-GDP", 1)
                    && hasVersion(r, "EA-TRAINS", 1) && hasVersion(r, "plan:events-a", 1), WAIT);

            ConsumerRecord<String, byte[]> gdp = ofKey(records, "EA-GDP").get(0);
            assertEquals("1.0", header(gdp, "ce_specversion"));
            assertEquals("planpulse.indicator.defined", header(gdp, "ce_type"));
            assertEquals("/planpulse/targets-service", header(gdp, "ce_source"));
            assertEquals("EA-GDP", header(gdp, "ce_subject"));
            assertNotNull(UUID.fromString(header(gdp, "ce_id")));
            assertEquals(Instant.parse("2026-03-15T02:00:00Z"), Instant.parse(header(gdp, "ce_time")));
            assertEquals("application/json", header(gdp, "content-type"));
            JsonNode payload = json(gdp);
            assertEquals("EA-GDP", payload.get("indicatorId").asText());
            assertEquals(1, payload.get("version").asInt());
            assertEquals("events-a", payload.get("planId").asText());
            assertEquals("Asia/Shanghai", payload.get("timeZone").asText());
            assertEquals("economy", payload.get("nodePath").get(0).asText());
            assertEquals("LEVEL", payload.get("definition").get("kind").asText());
            assertEquals("地区生产总值", payload.get("definition").get("name").asText());
            assertEquals(6600, payload.get("definition").get("target").get("value").asInt());
            assertEquals("COMPOUND", payload.get("definition").get("trajectory").asText());

            ConsumerRecord<String, byte[]> plan = ofKey(records, "plan:events-a").get(0);
            assertEquals("planpulse.plan.defined", header(plan, "ce_type"));
            assertEquals("events-a", header(plan, "ce_subject"));
            JsonNode planPayload = json(plan);
            assertEquals(1, planPayload.get("version").asInt());
            assertEquals("测试规划 events-a", planPayload.get("name").asText());
            assertEquals("STATS", planPayload.get("departments").get(0).get("code").asText());
            assertEquals("economy", planPayload.get("nodes").get(0).get("id").asText());
            assertEquals(List.of("EA-GDP", "EA-TRAINS"), JSON.convertValue(planPayload.get("indicatorIds"), List.class));
        }
    }

    @Test
    void aReplacePublishesOnlyWhatChangedAndANoOpNothing() {
        put("events-b", TestPlans.small("events-b", "EB", 6600));
        put("events-b", TestPlans.small("events-b", "EB", 7000));
        put("events-b", TestPlans.small("events-b", "EB", 7000));
        put("events-b", TestPlans.small("events-b", "EB", 7100));
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PLAN_TARGETS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> hasVersion(r, "EB-GDP", 3)
                    && hasVersion(r, "plan:events-b", 3), WAIT);
            records = reader.during(Duration.ofMillis(500));
            assertEquals(List.of(1, 2, 3), ofKey(records, "EB-GDP").stream().map(TopicReader::version).toList());
            assertEquals(List.of(1), ofKey(records, "EB-TRAINS").stream().map(TopicReader::version).toList());
            assertEquals(List.of(1, 2, 3), ofKey(records, "plan:events-b").stream().map(TopicReader::version).toList());
        }
    }

    @Test
    void droppingAnIndicatorOrDeletingThePlanPublishesTombstonesAndKeepsTheHistory() {
        put("events-c", TestPlans.small("events-c", "EC", 6600));
        put("events-c", TestPlans.withoutTrains("events-c", "EC", 6600));
        given().auth().oauth2(Tokens.viewer()).delete("/api/v1/plans/events-c").then().statusCode(403);
        given().auth().oauth2(Tokens.planner()).delete("/api/v1/plans/events-c?reason=规划调整").then().statusCode(204);

        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/events-c").then().statusCode(404);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/indicators/EC-GDP").then().statusCode(404);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans").then().body("items.id", not(hasItem("events-c")));
        given().auth().oauth2(Tokens.planner()).delete("/api/v1/plans/events-c").then().statusCode(404);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/indicators/EC-TRAINS/history").then().statusCode(200)
                .body("items.version", equalTo(List.of(2, 1)))
                .body("items.change", equalTo(List.of("DELETED", "CREATED")))
                .body("items[0].definition", nullValue())
                .body("items[1].definition.kind", equalTo("CUMULATIVE"))
                .body("items[1].changedBy", equalTo("planner-drc"))
                .body("items[1].reason", equalTo("测试"))
                .body("items[1].changedAt", equalTo("2026-03-15T02:00:00Z"));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/indicators/EC-GDP/history").then().statusCode(200)
                .body("items[0].change", equalTo("DELETED"))
                .body("items[0].reason", equalTo("规划调整"));

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PLAN_TARGETS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> hasVersion(r, "EC-TRAINS", 2)
                    && hasVersion(r, "EC-GDP", 2) && hasVersion(r, "plan:events-c", 3), WAIT);
            ConsumerRecord<String, byte[]> trains = ofKey(records, "EC-TRAINS").get(1);
            assertNull(trains.value());
            assertEquals("planpulse.indicator.deleted", header(trains, "ce_type"));
            assertNull(header(trains, "content-type"));
            ConsumerRecord<String, byte[]> plan = ofKey(records, "plan:events-c").get(2);
            assertNull(plan.value());
            assertEquals("planpulse.plan.deleted", header(plan, "ce_type"));
            assertEquals(3, version(plan));
        }

        put("events-c", TestPlans.small("events-c", "EC", 6600));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/events-c").then().statusCode(200)
                .body("meta.version", equalTo(4))
                .body("meta.indicators.EC-GDP.version", equalTo(3))
                .body("meta.indicators.EC-TRAINS.version", equalTo(3));
    }

    @Test
    void theOutboxShowsInHealthAndMetrics() {
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.data.relayEnabled", equalTo(true));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("planpulse_outbox_pending"))
                .body(org.hamcrest.Matchers.containsString("planpulse_outbox_oldest_age_seconds"))
                .body(org.hamcrest.Matchers.containsString("planpulse_outbox_published_total"));
    }
}
