package io.planpulse.indicators.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.planpulse.indicators.testing.Catalogue;
import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.indicators.testing.TestCatalogue;
import io.planpulse.indicators.testing.TestPlanEvents;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Indicator;
import io.planpulse.testing.EventPublisher;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue follows plan.targets.v1: each event once, never an older over a newer, poison to the DLQ. */
@QuarkusTest
class CatalogueConsumerTest extends ServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The indicator under another id, owned by {@code owners}. */
    private static Indicator copy(Indicator i, String id, List<String> owners) {
        return new Indicator(id, i.name(), i.nameEn(), i.unit(), null, i.kind(), i.frequency(), i.direction(), owners,
                i.binding(), i.weight(), i.riskBand(), i.dueDays(), i.basis(), i.input(), i.trajectory(), i.baseline(),
                i.target(), i.stages(), i.benchmark(), i.subject(), i.window(), i.note());
    }

    private static int report(String dept, String indicatorId, String period) {
        return given().auth().oauth2(Tokens.token("reporter", dept)).contentType(ContentType.JSON)
                .queryParam("dryRun", true)
                .body("{\"dryRun\": true, \"reports\": [{\"indicatorId\": \"" + indicatorId + "\", \"period\": \"" + period
                        + "\", \"value\": 1}]}")
                .post("/api/v1/reports/batch").then().statusCode(200).extract().path("rejected");
    }

    @Test
    void aNewerVersionReplacesAnOlderOneAndStaleOrRepeatedEventsChangeNothing() {
        Indicator drc = copy(TestCatalogue.GDP, "T-GDP-V", List.of("DRC"));
        Indicator stats = copy(TestCatalogue.GDP, "T-GDP-V", List.of("STATS"));
        Indicator finance = copy(TestCatalogue.GDP, "T-GDP-V", List.of("FINANCE"));
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            TestPlanEvents.indicator(publisher, drc, 5);
            Catalogue.await(db, "select version from catalogue_indicator where indicator_id = 'T-GDP-V'", v -> v == 5, WAIT);
            TestPlanEvents.indicator(publisher, stats, 3);
            TestPlanEvents.indicator(publisher, stats, 5);
            TestPlanEvents.indicator(publisher, finance, 6);
            Catalogue.await(db, "select version from catalogue_indicator where indicator_id = 'T-GDP-V'", v -> v == 6, WAIT);
            TestPlanEvents.indicator(publisher, drc, 5);
            TestPlanEvents.indicator(publisher, stats, 6);
            TestPlanEvents.indicator(publisher, copy(TestCatalogue.GDP, "T-GDP-MARK", List.of("STATS")), 1);
            Catalogue.await(db, "select count(*) from catalogue_indicator where indicator_id = 'T-GDP-MARK'", n -> n == 1, WAIT);
        }
        Catalogue.await(db, "select count(*) from catalogue_indicator where indicator_id = 'T-GDP-V' and version = 6 "
                + "and owners = '{FINANCE}'", n -> n == 1, Duration.ofSeconds(1));
        org.junit.jupiter.api.Assertions.assertEquals(0, report("FINANCE", "T-GDP-V", "2021"));
        org.junit.jupiter.api.Assertions.assertEquals(1, report("STATS", "T-GDP-V", "2021"));
    }

    @Test
    void aTombstoneRemovesAnIndicatorAndANewerDefinitionBringsItBack() {
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.indicatorTombstone("T-FAI", 2, Instant.now());
            Catalogue.await(db, "select count(*) from catalogue_indicator where indicator_id = 'T-FAI' and deleted",
                    n -> n == 1, WAIT);
            given().auth().oauth2(Tokens.token("reporter", "STATS")).contentType(ContentType.JSON)
                    .body("{\"indicatorId\": \"T-FAI\", \"period\": \"2021-03\", \"value\": 7.5}")
                    .post("/api/v1/reports").then().statusCode(422).body("code", equalTo("UNKNOWN_INDICATOR"));
            TestPlanEvents.indicator(publisher, TestCatalogue.FAI, 1);
            TestPlanEvents.indicator(publisher, TestCatalogue.FAI, 3);
            Catalogue.await(db, "select count(*) from catalogue_indicator where indicator_id = 'T-FAI' and not deleted "
                    + "and version = 3", n -> n == 1, WAIT);
        }
        given().auth().oauth2(Tokens.token("reporter", "STATS")).contentType(ContentType.JSON)
                .body("{\"indicatorId\": \"T-FAI\", \"period\": \"2021-03\", \"value\": 7.5}")
                .post("/api/v1/reports").then().statusCode(201);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.raw(Topics.PLAN_TARGETS, "T-POISON", "{not json".getBytes(StandardCharsets.UTF_8));
            TestPlanEvents.indicator(publisher, new Indicator("T-AFTER", "毒后", null, "%", null, TestCatalogue.PROV.kind(),
                    TestCatalogue.PROV.frequency(), TestCatalogue.PROV.direction(), List.of("STATS"), false, BigDecimal.ONE,
                    BigDecimal.ZERO, 90, null, null, null, null, null, null, null, null, TestCatalogue.PROV.window(), null), 1);
        }
        Catalogue.await(db, "select count(*) from catalogue_indicator where indicator_id = 'T-AFTER'", n -> n == 1, WAIT);
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.deadLetter(Topics.PLAN_TARGETS))) {
            reader.until(records -> records.stream().anyMatch(r -> "T-POISON".equals(r.key())
                    && TopicReader.header(r, "dead-letter-reason") != null), WAIT);
        }
    }
}
