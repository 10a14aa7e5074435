package io.planpulse.indicators.messaging;

import static io.planpulse.testing.TopicReader.header;
import static io.planpulse.testing.TopicReader.ofKey;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.indicators.testing.Catalogue;
import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.model.event.Topics;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every accepted revision reaches indicator.reports.v1, also when Kafka was away when it was acknowledged. */
@QuarkusTest
class ReportEventsTest extends ServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean has(List<ConsumerRecord<String, byte[]>> records, String period, int revision) {
        return ofKey(records, "T-TRAINS").stream().anyMatch(r -> ("T-TRAINS/" + period).equals(header(r, "ce_subject"))
                && TopicReader.version(r) == revision);
    }

    @Test
    void anAcceptedRevisionIsPublishedAsACloudEvent() throws Exception {
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ContentType.JSON)
                .body("{\"indicatorId\": \"T-TRAINS\", \"period\": \"2021-09\", \"value\": 126, \"provisional\": true, "
                        + "\"note\": \"含回程\", \"source\": \"快报\"}")
                .post("/api/v1/reports").then().statusCode(201);
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.INDICATOR_REPORTS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> has(r, "2021-09", 1), WAIT);
            ConsumerRecord<String, byte[]> record = ofKey(records, "T-TRAINS").stream()
                    .filter(r -> "T-TRAINS/2021-09".equals(header(r, "ce_subject"))).findFirst().orElseThrow();
            assertEquals("planpulse.report.accepted", header(record, "ce_type"));
            assertEquals("/planpulse/indicators-service", header(record, "ce_source"));
            assertEquals("1.0", header(record, "ce_specversion"));
            assertEquals("application/json", header(record, "content-type"));
            JsonNode payload = JSON.readTree(record.value());
            assertEquals("T-TRAINS", payload.get("indicatorId").asText());
            assertEquals("2021-09", payload.get("period").asText());
            assertEquals(1, payload.get("revision").asInt());
            assertEquals(126, payload.get("value").asInt());
            assertTrue(payload.get("provisional").asBoolean());
            assertEquals(false, payload.get("withdrawn").asBoolean());
            assertEquals("含回程", payload.get("note").asText());
            assertEquals("快报", payload.get("source").asText());
            assertEquals("TRANSPORT", payload.get("reportedBy").get("dept").asText());
            assertEquals("reporter-transport", payload.get("reportedBy").get("subject").asText());
            assertEquals("2026-03-15T02:00:00Z", payload.get("receivedAt").asText());
        }
    }

    @Test
    void aRevisionAcknowledgedWhileTheBrokerIsDownIsPublishedWhenItIsBack() {
        broker.stop();
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ContentType.JSON)
                .body("{\"reports\": [{\"indicatorId\": \"T-TRAINS\", \"period\": \"2021-10\", \"value\": 131},"
                        + "{\"indicatorId\": \"T-TRAINS\", \"period\": \"2021-11\", \"value\": 129}]}")
                .post("/api/v1/reports/batch").then().statusCode(200)
                .body("created", org.hamcrest.Matchers.equalTo(2));
        Catalogue.await(db, "select count(*) from outbox where message_key = 'T-TRAINS'", n -> n >= 2, Duration.ofSeconds(5));
        broker.start();
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.INDICATOR_REPORTS)) {
            reader.until(r -> has(r, "2021-10", 1) && has(r, "2021-11", 1), WAIT);
        }
        Catalogue.await(db, "select count(*) from outbox", n -> n == 0, Duration.ofSeconds(30));
    }
}
