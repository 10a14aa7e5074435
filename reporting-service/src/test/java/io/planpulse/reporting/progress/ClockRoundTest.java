package io.planpulse.reporting.progress;

import static io.planpulse.testing.TopicReader.ofKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.planpulse.local.KafkaBroker;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Direction;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.Target;
import io.planpulse.model.plan.Window;
import io.planpulse.reporting.repository.DefinitionRepository;
import io.planpulse.reporting.testing.MovableClock;
import io.planpulse.testing.EventPublisher;
import io.planpulse.testing.InjectKafkaBroker;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Time alone changes statuses: a milestone passes its due date, and the clock round raises the alert;
 * the round judges everything again only when a date has changed.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class ClockRoundTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DEFINED = Instant.parse("2021-01-01T00:00:00Z");

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    MovableClock clock;

    @Inject
    ProgressService progress;

    @Inject
    DefinitionRepository definitions;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void back() {
        clock.set(Instant.parse("2026-03-15T02:00:00Z"));
    }

    /** The indicator's status, or the HTTP status while it has none (not learned yet). */
    private String status(String id) {
        Object status = given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/indicators/" + id).then()
                .extract().path("status");
        return String.valueOf(status);
    }

    @Test
    void aMilestonePastItsDueDateIsMissedWithAnAlertCausedByTheClock() throws Exception {
        clock.set(Instant.parse("2021-11-01T00:00:00Z"));
        Indicator depot = new Indicator("C-DEPOT", "交割库", null, null, null, IndicatorKind.MILESTONE, Grain.MONTH, Direction.UP,
                List.of("FTZ"), false, BigDecimal.ONE, BigDecimal.ZERO, 20, null, null, null, null,
                new Target("2021-12", null, null, null), List.of("申请", "获批", "开库"), null, null, null, null);
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined("clock-test", 1, "时钟测试", null, new Window("2021", "2025"), "Asia/Shanghai",
                    List.of(new Department("FTZ", "片区", null)),
                    List.of(new PlanNode("all", "全部", null, List.of("C-DEPOT"), List.of())), List.of("C-DEPOT"), null), DEFINED);
            publisher.indicator(new IndicatorDefined("C-DEPOT", 1, "clock-test", "Asia/Shanghai", List.of("all"), depot),
                    DEFINED);
            publisher.report(new ReportAccepted("C-DEPOT", "2021-05", 1, BigDecimal.ONE, false, false, null, null, null,
                    new ReportAccepted.ReportedBy("FTZ", "reporter-ftz"), Instant.parse("2021-06-01T00:00:00Z"), null));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"ON_TRACK".equals(status("C-DEPOT")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("ON_TRACK", status("C-DEPOT"));
        // judged and published, not only answered: a read computes an indicator not yet judged on the spot
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.INDICATOR_PROGRESS)) {
            reader.until(r -> ofKey(r, "C-DEPOT").stream().anyMatch(x -> "ON_TRACK".equals(field(x, "status"))),
                    Duration.ofSeconds(30));
        }

        clock.set(Instant.parse("2022-01-05T00:00:00Z"));
        progress.clockRound().await().atMost(Duration.ofSeconds(30));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/progress/indicators/C-DEPOT").then()
                .body("status", equalTo("MISSED"));
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PROGRESS_ALERTS)) {
            List<ConsumerRecord<String, byte[]>> alerts = reader.until(r -> ofKey(r, "C-DEPOT").stream()
                    .anyMatch(x -> "MISSED".equals(field(x, "to"))), Duration.ofSeconds(30));
            ConsumerRecord<String, byte[]> alert = ofKey(alerts, "C-DEPOT").stream()
                    .filter(x -> "MISSED".equals(field(x, "to"))).findFirst().orElseThrow();
            assertEquals("CLOCK", field(alert, "cause"));
            assertEquals("ON_TRACK", field(alert, "from"));
        }
    }

    @Test
    void aRoundJudgesEverythingOnlyWhenTheDateHasChangedInATimeZoneInUse() throws Exception {
        clock.set(Instant.parse("2026-05-10T01:00:00Z")); // 09:00 in Shanghai
        Indicator works = new Indicator("C-WORKS", "工程", null, null, null, IndicatorKind.MILESTONE, Grain.MONTH, Direction.UP,
                List.of("FTZ"), false, BigDecimal.ONE, BigDecimal.ZERO, 20, null, null, null, null,
                new Target("2026-12", null, null, null), List.of("立项", "完工"), null, null, null, null);
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined("clock-days", 1, "日期测试", null, new Window("2026", "2030"), "Asia/Shanghai",
                    List.of(new Department("FTZ", "片区", null)),
                    List.of(new PlanNode("all", "全部", null, List.of("C-WORKS"), List.of())), List.of("C-WORKS"), null), DEFINED);
            publisher.indicator(new IndicatorDefined("C-WORKS", 1, "clock-days", "Asia/Shanghai", List.of("all"), works),
                    DEFINED);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (status("C-WORKS").equals("404") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        progress.clockRound().await().atMost(Duration.ofSeconds(30)); // a date this instance has not judged yet
        int live = definitions.liveIndicators(pool).await().atMost(Duration.ofSeconds(10)).size();
        assertTrue(live > 0);

        clock.set(Instant.parse("2026-05-10T12:00:00Z")); // 20:00 the same day in Shanghai
        double before = recomputed();
        progress.clockRound().await().atMost(Duration.ofSeconds(30));
        assertTrue(recomputed() - before < live, "the same dates: nothing to judge again");

        clock.set(Instant.parse("2026-05-10T16:30:00Z")); // 00:30 on the 11th in Shanghai
        before = recomputed();
        progress.clockRound().await().atMost(Duration.ofSeconds(30));
        assertTrue(recomputed() - before >= live, "a new date in Shanghai: every live indicator judged again");
    }

    private double recomputed() {
        return registry.counter("planpulse.progress.recomputed").count();
    }

    private static String field(ConsumerRecord<String, byte[]> record, String name) {
        try {
            return JSON.readTree(record.value()).get(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
