package io.planpulse.targets.messaging;

import static io.planpulse.testing.TopicReader.ofKey;
import static io.planpulse.testing.TopicReader.version;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.planpulse.local.KafkaBroker;
import io.planpulse.model.event.Topics;
import io.planpulse.platform.outbox.OutboxRelay;
import io.planpulse.platform.outbox.OutboxRelayWorker;
import io.planpulse.platform.outbox.OutboxStats;
import io.planpulse.targets.testing.RelayOffProfile;
import io.planpulse.targets.testing.TestPlans;
import io.planpulse.testing.InjectKafkaBroker;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's promises under faults: an event committed but not sent goes out when a relay runs
 * again, an event written while the broker is down goes out when it is back, and two relays at
 * once still publish each key in order.
 */
@QuarkusTest
@TestProfile(RelayOffProfile.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxStats stats;

    private final List<OutboxRelayWorker> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        workers.forEach(OutboxRelayWorker::stop);
        Thread.sleep(500);
        workers.clear();
        broker.start();
    }

    private OutboxRelayWorker startWorker(String name) {
        OutboxRelayWorker worker = relay.newWorker(name);
        Thread thread = new Thread(worker, "test-relay-" + name);
        thread.setDaemon(true);
        thread.start();
        workers.add(worker);
        return worker;
    }

    private static void put(String planId, String body) {
        given().auth().oauth2(Tokens.planner()).contentType(ContentType.JSON).body(body)
                .put("/api/v1/plans/" + planId).then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    private long pending(String keyPrefix) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from outbox where message_key like ?")) {
            s.setString(1, keyPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean hasVersion(List<ConsumerRecord<String, byte[]>> records, String key, int version) {
        return ofKey(records, key).stream().anyMatch(r -> version(r) == version);
    }

    @Test
    void theOutboxMigrationEveryServiceSharesRanAfterTheServicesOwn() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select type, success from flyway_schema_history where script like '%R__outbox.sql'");
             ResultSet row = q.executeQuery()) {
            assertTrue(row.next(), "libs/platform's db/outbox is one of the service's Flyway locations");
            assertEquals("SQL", row.getString("type"));
            assertTrue(row.getBoolean("success"));
        }
    }

    @Test
    void aChangeCommittedButNeverSentIsPublishedWhenARelayRunsAgain() throws SQLException {
        put("relay-a", TestPlans.small("relay-a", "RA", 6600));
        assertEquals(2, pending("RA-"), "the change and its events are committed together");
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PLAN_TARGETS)) {
            assertTrue(ofKey(reader.during(Duration.ofSeconds(1)), "RA-GDP").isEmpty(), "nothing is sent without a relay");
            startWorker("after-restart");
            reader.until(r -> hasVersion(r, "RA-GDP", 1) && hasVersion(r, "RA-TRAINS", 1)
                    && hasVersion(r, "plan:relay-a", 1), WAIT);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pending("RA-") > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertEquals(0, pending("RA-"), "relayed rows are deleted");
    }

    @Test
    void aChangeMadeWhileTheBrokerIsDownArrivesWhenItIsBack() throws SQLException {
        startWorker("steady");
        broker.stop();
        put("relay-b", TestPlans.small("relay-b", "RB", 6600));
        sleep(3000);
        assertEquals(2, pending("RB-"), "the events wait in the outbox while Kafka is away");
        long seen = System.nanoTime() + WAIT.toNanos(); // the relay looks again at its next round, once its send failed
        while (stats.pending() < 2 && System.nanoTime() < seen) {
            sleep(100);
        }
        assertTrue(stats.pending() >= 2, "the gauge shows them waiting: " + stats.pending());
        broker.start();
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PLAN_TARGETS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> hasVersion(r, "RB-GDP", 1)
                    && hasVersion(r, "RB-TRAINS", 1) && hasVersion(r, "plan:relay-b", 1), WAIT);
            assertEquals(1, ofKey(records, "RB-GDP").stream().map(TopicReader::version).distinct().count());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((pending("") > 0 || stats.pending() > 0) && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertEquals(0, pending(""), "everything was relayed");
        assertEquals(0, stats.pending(), "and the gauge says so");
        assertEquals(0, stats.oldestAgeMillis());
    }

    @Test
    void twoRelaysAtOncePublishEachKeyInOrder() throws InterruptedException {
        OutboxRelayWorker first = startWorker("first");
        OutboxRelayWorker second = startWorker("second");
        AtomicBoolean bothActive = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (first.isActive() && second.isActive()) {
                    bothActive.set(true);
                }
                Thread.onSpinWait();
            }
        });
        watcher.setDaemon(true);
        watcher.start();

        int changes = 24;
        for (int i = 1; i <= changes; i++) {
            put("relay-c", TestPlans.small("relay-c", "RC", 6600 + i));
            if (i == changes / 2) {
                (first.isActive() ? first : second).stop();
            }
        }
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PLAN_TARGETS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> hasVersion(r, "RC-GDP", changes)
                    && hasVersion(r, "plan:relay-c", changes), WAIT);
            for (String key : List.of("RC-GDP", "plan:relay-c")) {
                List<Integer> versions = ofKey(records, key).stream().map(TopicReader::version).toList();
                for (int i = 1; i < versions.size(); i++) {
                    assertTrue(versions.get(i) >= versions.get(i - 1), key + " out of order: " + versions);
                }
                assertEquals(changes, versions.stream().distinct().count(), key + " lost a version: " + versions);
            }
        } finally {
            watcher.interrupt();
        }
        assertFalse(bothActive.get(), "only one relay publishes at a time");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
