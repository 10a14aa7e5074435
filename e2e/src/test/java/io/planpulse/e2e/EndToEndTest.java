package io.planpulse.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.model.event.Topics;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three services together, as built: departments push values for the shipped plan through
 * indicators-service, reporting-service computes and publishes progress, and every event on the
 * topics meets its schema. The clock is the real one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Services services;
    private static Instant beforeCorrection;

    @BeforeAll
    static void start() throws Exception {
        services = Services.start();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    private static Response report(String dept, String body) {
        return given().auth().oauth2(Tokens.token("reporter", dept)).contentType(ContentType.JSON).body(body)
                .post(services.url("indicators-service") + "/api/v1/reports/batch");
    }

    private static Response progress(String indicatorId, String query) {
        return given().auth().oauth2(Tokens.viewer())
                .get(services.url("reporting-service") + "/api/v1/progress/indicators/" + indicatorId + query);
    }

    private static void awaitStatus(String indicatorId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            Response r = progress(indicatorId, "");
            last = r.asString();
            if (r.statusCode() == 200 && status.equals(r.path("status"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(indicatorId + " is not " + status + ": " + last);
    }

    @Test
    @Order(1)
    void theShippedPlanIsServedAndReachesIndicatorsService() throws InterruptedException {
        given().auth().oauth2(Tokens.viewer()).get(services.url("targets-service") + "/api/v1/plans/fyp14").then()
                .statusCode(200).body("name", equalTo("丽水市国民经济和社会发展第十四个五年规划"));
        for (String dept : List.of("TRANSPORT", "STATS", "FTZ", "MARKET")) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> owed = List.of();
            while (owed.isEmpty() && System.nanoTime() < deadline) {
                owed = given().auth().oauth2(Tokens.viewer()).queryParam("dept", dept)
                        .get(services.url("indicators-service") + "/api/v1/obligations").path("items.indicatorId");
                Thread.sleep(250);
            }
            assertFalse(owed.isEmpty(), "indicators-service learned " + dept + "'s indicators from plan.targets.v1");
        }
    }

    @Test
    @Order(2)
    void departmentsPushValuesAndEveryKindGetsItsNumbersAndStatus() throws Exception {
        report("TRANSPORT", """
                {"reports": [{"indicatorId": "YXE-TRAINS", "period": "2021-01", "value": 110},
                             {"indicatorId": "YXE-TRAINS", "period": "2021-02", "value": 95},
                             {"indicatorId": "YXE-TRAINS", "period": "2021-03", "value": 160}]}""")
                .then().statusCode(200).body("created", equalTo(3));
        report("STATS", """
                {"reports": [{"indicatorId": "GDP-TOTAL", "period": "2020", "value": 4700},
                             {"indicatorId": "GDP-TOTAL", "period": "2022", "value": 5400},
                             {"indicatorId": "GDP-AVG-GROWTH", "period": "2021", "value": 9.8},
                             {"indicatorId": "GDP-AVG-GROWTH", "period": "2022", "value": 3.9},
                             {"indicatorId": "FTZ-GDP-GROWTH", "period": "2021", "value": 10.5},
                             {"indicatorId": "FTZ-GDP-GROWTH", "period": "2022", "value": 6.0},
                             {"indicatorId": "PROV-GDP-GROWTH", "period": "2021", "value": 8.5}]}""")
                .then().statusCode(200).body("created", equalTo(7));
        report("FTZ", "{\"reports\": [{\"indicatorId\": \"FTZ-COMMODITY-DEPOT\", \"period\": \"2021-05\", \"value\": 2}]}")
                .then().statusCode(200).body("created", equalTo(1));
        report("MARKET", """
                {"reports": [{"indicatorId": "FTZ-NEW-FIRMS", "period": "2020", "value": 3100},
                             {"indicatorId": "FTZ-NEW-FIRMS", "period": "2021", "value": 3400}]}""")
                .then().statusCode(200).body("created", equalTo(2));

        awaitStatus("YXE-TRAINS", "AT_RISK");
        progress("YXE-TRAINS", "").then().body("actual", closeTo(365, 1e-9))
                .body("gap", closeTo(365 / 1500.0 - 0.25, 1e-9)).body("late", equalTo(true));
        awaitStatus("GDP-TOTAL", "ON_TRACK");
        progress("GDP-TOTAL", "").then()
                .body("expected", closeTo(4700 * Math.pow(6600 / 4700.0, 0.4), 1e-9))
                .body("requiredRate", closeTo((Math.pow(6600 / 5400.0, 1 / 3.0) - 1) * 100, 1e-9))
                .body("baseline", closeTo(4700, 1e-9));
        awaitStatus("GDP-AVG-GROWTH", "ON_TRACK");
        progress("GDP-AVG-GROWTH", "").then().body("actual", closeTo((Math.sqrt(1.098 * 1.039) - 1) * 100, 1e-9));
        awaitStatus("FTZ-GDP-VS-PROV", "ON_TRACK");
        progress("FTZ-GDP-VS-PROV", "").then().body("actual", closeTo(2.0, 1e-9)).body("awaitingBenchmark", equalTo(true));
        awaitStatus("FTZ-COMMODITY-DEPOT", "MISSED");
        awaitStatus("FTZ-NEW-FIRMS", "ACHIEVED");
        progress("FTZ-NEW-FIRMS", "").then().body("actual", closeTo((3400 / 3100.0 - 1) * 100, 1e-9));
        awaitStatus("PROV-GDP-GROWTH", "NO_TARGET");
        report("DRC", "{\"reports\": [{\"indicatorId\": \"FAI-GROWTH\", \"period\": \"2021-06\", \"value\": 7.2}]}")
                .then().statusCode(200).body("created", equalTo(1));
        awaitStatus("FAI-GROWTH", "AT_RISK");
        progress("FAI-GROWTH", "").then().body("gap", closeTo(-0.8, 1e-9));
    }

    @Test
    @Order(3)
    void aPlanWrittenByAPlannerReachesTheOtherServicesWithItsThreshold() throws Exception {
        String plan = PlanDocuments.airQuality("e2e-env", "环境质量", "E2E-PM25");
        given().auth().oauth2(Tokens.planner()).contentType("application/yaml")
                .body(plan.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put(services.url("targets-service") + "/api/v1/plans/e2e-env").then().statusCode(201);
        long deadline = System.nanoTime() + WAIT.toNanos();
        int created = 0;
        while (created == 0 && System.nanoTime() < deadline) {
            created = report("ECOENV", """
                    {"reports": [{"indicatorId": "E2E-PM25", "period": "2021-Q1", "value": 38},
                                 {"indicatorId": "E2E-PM25", "period": "2021-Q2", "value": 31}]}""")
                    .then().statusCode(200).extract().path("created");
            Thread.sleep(250);
        }
        assertEquals(2, created, "indicators-service learned the new plan");
        awaitStatus("E2E-PM25", "ON_TRACK");
        progress("E2E-PM25", "").then().body("compliance", closeTo(0.5, 1e-9)).body("gap", closeTo(4, 1e-9));
    }

    @Test
    @Order(4)
    void aCorrectionChangesTheStatusAndRaisesAnAlertWhileAsOfStillSeesThePast() throws Exception {
        beforeCorrection = Instant.now();
        Thread.sleep(50);
        report("TRANSPORT", "{\"reports\": [{\"indicatorId\": \"YXE-TRAINS\", \"period\": \"2021-03\", \"value\": 10, "
                + "\"note\": \"更正：误报\"}]}").then().statusCode(200).body("revised", equalTo(1));
        awaitStatus("YXE-TRAINS", "OFF_TRACK");
        progress("YXE-TRAINS", "?asOf=" + beforeCorrection).then().statusCode(200)
                .body("status", equalTo("AT_RISK")).body("actual", closeTo(365, 1e-9));
        try (TopicReader reader = new TopicReader(services.bootstrapServers(), Topics.PROGRESS_ALERTS)) {
            reader.until(records -> TopicReader.ofKey(records, "YXE-TRAINS").stream()
                    .anyMatch(r -> "OFF_TRACK".equals(Payloads.field(r, "to")) && "REVISION".equals(Payloads.field(r, "cause"))), WAIT);
        }
    }

    @Test
    @Order(5)
    void thePlanRollsUp() {
        given().auth().oauth2(Tokens.viewer()).get(services.url("reporting-service") + "/api/v1/progress/plans/fyp14")
                .then().statusCode(200)
                .body("rollup.status", equalTo("MISSED"))
                .body("rollup.counts.OFF_TRACK", equalTo(1))
                .body("nodes.find { it.id == 'overall' }.rollup.status", equalTo("ON_TRACK"));
    }

    @Test
    @Order(6)
    void everyMetricAnAlertNamesIsOneARunningServiceOrAnExporterExports() throws Exception {
        AlertMetrics alerts = AlertMetrics.of(Services.root());
        // a request to each service, so that its request metrics exist however this test is run
        for (String service : Services.NAMES) {
            given().auth().oauth2(Tokens.viewer()).get(services.url(service) + "/api/v1/no-such-resource");
        }
        java.util.Set<String> exported = new java.util.TreeSet<>(alerts.exporters());
        long deadline = System.nanoTime() + WAIT.toNanos();
        java.util.Set<String> missing = alerts.named();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            for (String service : Services.NAMES) {
                exported.addAll(AlertMetrics.names(given().get(services.url(service) + "/q/metrics").then()
                        .statusCode(200).extract().asString()));
            }
            missing = new java.util.TreeSet<>(alerts.named());
            missing.removeAll(exported);
            if (!missing.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        assertEquals(java.util.Set.of(), missing, "metrics the alerts name that nothing exports");
        assertTrue(exported.contains("planpulse_dead_letters_total") && exported.contains("planpulse_progress_late_indicators"));
    }

    @Test
    @Order(7)
    void everyEventOnEveryTopicMeetsItsSchema() {
        EventSchemas schemas = new EventSchemas(Path.of(System.getProperty("planpulse.root", ".."), "docs", "asyncapi.yaml"));
        Map<String, String> byType = Map.of(
                "planpulse.indicator.defined", "IndicatorDefined", "planpulse.plan.defined", "PlanDefined",
                "planpulse.report.accepted", "ReportAccepted", "planpulse.progress.updated", "ProgressUpdated",
                "planpulse.status.changed", "StatusChanged", "planpulse.rollup.updated", "RollupUpdated");
        int checked = 0;
        for (String topic : List.of(Topics.PLAN_TARGETS, Topics.INDICATOR_REPORTS, Topics.INDICATOR_PROGRESS,
                Topics.PROGRESS_ALERTS, Topics.PLAN_ROLLUPS)) {
            try (TopicReader reader = new TopicReader(services.bootstrapServers(), topic)) {
                List<ConsumerRecord<String, byte[]>> records = reader.until(r -> !r.isEmpty(), WAIT);
                records = reader.during(Duration.ofSeconds(1));
                for (ConsumerRecord<String, byte[]> r : records) {
                    assertEquals("1.0", TopicReader.header(r, "ce_specversion"));
                    assertTrue(TopicReader.header(r, "version").matches("\\d+"));
                    if (r.value() == null) {
                        continue;
                    }
                    String schema = byType.get(TopicReader.header(r, "ce_type"));
                    assertFalse(schema == null, "an unknown event type on " + topic);
                    assertEquals(List.of(), schemas.problems(schema, Payloads.of(r)), topic + " " + r.key());
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked + " events");
    }

    @Test
    @Order(8)
    void aReplicaKilledMidBatchWhileReplayingBothTopicsIntoAnEmptyDatabaseAgreesOnEveryIndicatorOfThePlan()
            throws Exception {
        String replica = "reporting-replay";
        String db = Services.database(replica);
        services.createDatabase(db);
        DataSource replicaDb = services.dataSource(db);
        Flyway.configure().dataSource(replicaDb)
                .locations("filesystem:" + Services.root().resolve("reporting-service/src/main/resources/db/migration"),
                        "filesystem:" + Services.root().resolve("libs/platform/src/main/resources/db/outbox"))
                .load().migrate();
        Map<String, String> settings = Map.of(
                "MP_MESSAGING_INCOMING_PLAN_TARGETS_GROUP_ID", replica,
                "MP_MESSAGING_INCOMING_INDICATOR_REPORTS_GROUP_ID", replica,
                "PLANPULSE_OUTBOX_RELAY_ENABLED", "false");
        try (Connection gate = replicaDb.getConnection()) {
            // An empty database: the replica rebuilds it, and until it has read both topics it only stores
            // what they hold. While the test holds the revisions, a batch of reports waits to store them:
            // the replica is killed right there, mid-rebuild (and not ready: it has not settled).
            gate.setAutoCommit(false);
            gate.createStatement().execute("lock table revision in exclusive mode");
            services.launchInstance(replica, "reporting-service", settings);
            awaitBatchWaitingToStore(replicaDb);
            services.kill(replica);
            gate.rollback();
        }
        assertEquals(0, count(replicaDb, "select count(*) from revision"), "the killed batch left nothing behind");
        assertEquals(1, count(replicaDb, "select count(*) from rebuild_under_way"), "the rebuild is still under way");
        services.restart(replica); // ready once it has joined the rebuild under way and settled it
        assertEquals(0, count(replicaDb, "select count(*) from rebuild_under_way"), "the rebuild settled");

        List<String> ids = new java.util.ArrayList<>();
        collectIndicators(read(given().auth().oauth2(Tokens.viewer())
                .get(services.url("reporting-service") + "/api/v1/progress/plans/fyp14").asByteArray()).get("nodes"), ids);
        assertEquals(28, ids.size(), "every indicator of the plan: " + ids);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> differing = ids;
        while (!differing.isEmpty() && System.nanoTime() < deadline) {
            differing = ids.stream().filter(id -> !comparable("reporting-service", id)
                    .equals(comparable(replica, id))).toList();
            Thread.sleep(500);
        }
        assertEquals(List.of(), differing, "the replica computes what the original computed");
    }

    @Test
    @Order(9)
    void anIndicatorsServiceThatHasNotReadThePlansIsNotReady() throws Exception {
        // A new instance on an empty database, in a group of its own, must apply every plan on
        // plan.targets.v1 before it says ready. The test holds its catalogue locked, so it cannot:
        // it answers, but not ready; once the lock goes, it reads, turns ready and knows the plan.
        String fresh = "indicators-fresh";
        String db = Services.database(fresh);
        services.createDatabase(db);
        DataSource freshDb = services.dataSource(db);
        Flyway.configure().dataSource(freshDb).locations(Stream.of("indicators-service/src/main/resources/db/migration",
                        "libs/platform/src/main/resources/db/outbox", "libs/platform/src/main/resources/db/audit")
                .map(dir -> "filesystem:" + Services.root().resolve(dir)).toArray(String[]::new)).load().migrate();
        try (Connection gate = freshDb.getConnection()) {
            gate.setAutoCommit(false);
            gate.createStatement().execute("lock table catalogue_indicator in exclusive mode");
            services.launchInstance(fresh, "indicators-service", Map.of(
                    "MP_MESSAGING_INCOMING_PLAN_TARGETS_GROUP_ID", fresh,
                    "PLANPULSE_OUTBOX_RELAY_ENABLED", "false"));
            awaitStatus(services.url(fresh) + "/q/health/live", 200);
            Thread.sleep(3_000);
            assertEquals(503, given().get(services.url(fresh) + "/q/health/ready").statusCode(),
                    "not ready while it has not read the plans");
            gate.rollback();
        }
        services.awaitReady(fresh, WAIT);
        given().auth().oauth2(Tokens.token("reporter", "STATS")).contentType(ContentType.JSON)
                .body("{\"dryRun\": true, \"reports\": [{\"indicatorId\": \"GDP-TOTAL\", \"period\": \"2023\", \"value\": 5600}]}")
                .post(services.url(fresh) + "/api/v1/reports/batch")
                .then().statusCode(200).body("rejected", equalTo(0)).body("created", equalTo(1));
    }

    private static void awaitStatus(String url, int status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (given().get(url).statusCode() == status) {
                    return;
                }
            } catch (Exception e) { // RestAssured throws ConnectException undeclared
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(url + " did not answer " + status + " within " + WAIT);
    }

    /** Waits until a transaction of the service has written progress and waits for the outbox. */
    private static void awaitBatchWaitingToStore(DataSource db) throws Exception {
        String waiting = """
                select count(*) from pg_stat_activity a
                 where a.datname = current_database() and a.pid <> pg_backend_pid() and a.wait_event_type = 'Lock'
                   and exists (select 1 from pg_locks l join pg_class c on c.oid = l.relation
                                where l.pid = a.pid and not l.granted and c.relname = 'revision')""";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(waiting)) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        StringBuilder sessions = new StringBuilder();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery("""
                select a.pid, a.state || ' ' || coalesce(a.wait_event, ''), a.backend_type, left(a.query, 80),
                       (select string_agg(l.locktype || ' ' || coalesce(l.relation::regclass::text, l.classid || '/'
                               || l.objid) || ' ' || l.mode || ' ' || l.granted, ', ') from pg_locks l
                         where l.pid = a.pid)
                  from pg_stat_activity a where a.datname = current_database()""")) {
            while (rows.next()) {
                sessions.append("\n  ").append(rows.getInt(1)).append(' ').append(rows.getString(2)).append('/')
                        .append(rows.getString(3)).append(' ').append(rows.getString(4)).append(" holding ")
                        .append(rows.getString(5));
            }
        }
        throw new AssertionError("no batch of the replica came to store its reports within " + WAIT + "; sessions:" + sessions);
    }

    private static int count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void collectIndicators(JsonNode nodes, List<String> ids) {
        for (JsonNode node : nodes) {
            node.get("indicators").forEach(i -> ids.add(i.get("indicatorId").asText()));
            collectIndicators(node.get("children"), ids);
        }
    }

    /** An indicator's progress without what differs between computations: version and instants. */
    private static JsonNode comparable(String instance, String indicatorId) {
        Response r = given().auth().oauth2(Tokens.viewer())
                .get(services.url(instance) + "/api/v1/progress/indicators/" + indicatorId);
        if (r.statusCode() != 200) {
            return JSON.createObjectNode().put("http", r.statusCode());
        }
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                read(r.asByteArray());
        doc.remove(List.of("version", "asOf", "computedAt"));
        return doc;
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
