package io.planpulse.indicators.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.common.event.CloudEventHeaders;
import io.planpulse.common.event.EventTypes;
import io.planpulse.common.event.IndicatorDefined;
import io.planpulse.common.event.PlanDefined;
import io.planpulse.common.event.Topics;
import io.planpulse.common.plan.Indicator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes plan events on plan.targets.v1 as targets-service does, for the service under test to learn. */
public final class PlanPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final KafkaProducer<String, byte[]> producer;

    public PlanPublisher(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(Topics.PLAN_TARGETS, 3, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The test catalogue, every indicator at {@code version}. */
    public void publishTestCatalogue(int version) {
        plan(new PlanDefined(TestCatalogue.PLAN, version, "测试规划", null, TestCatalogue.WINDOW, "Asia/Shanghai",
                TestCatalogue.DEPARTMENTS, TestCatalogue.NODES, TestCatalogue.ALL.stream().map(Indicator::id).toList()));
        TestCatalogue.ALL.forEach(i -> indicator(i, version));
        producer.flush();
    }

    public void plan(PlanDefined plan) {
        send(EventTypes.planKey(plan.planId()), EventTypes.PLAN_DEFINED, plan.planId(), plan.version(), write(plan));
    }

    public void indicator(Indicator indicator, int version) {
        send(indicator.id(), EventTypes.INDICATOR_DEFINED, indicator.id(), version, write(new IndicatorDefined(
                indicator.id(), version, TestCatalogue.PLAN, "Asia/Shanghai", List.of("all"), indicator)));
    }

    public void tombstone(String indicatorId, int version) {
        send(indicatorId, EventTypes.INDICATOR_DELETED, indicatorId, version, null);
    }

    /** A record as any producer might write it, for poison-record tests. */
    public void raw(String key, byte[] value) {
        send(key, EventTypes.INDICATOR_DEFINED, key, 1, value);
    }

    private void send(String key, String type, String subject, int version, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        headers.add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.SOURCE, bytes("/planpulse/targets-service"));
        headers.add(CloudEventHeaders.TYPE, bytes(type));
        headers.add(CloudEventHeaders.TIME, bytes(Instant.now().toString()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
        headers.add(CloudEventHeaders.VERSION, bytes(Integer.toString(version)));
        if (value != null) {
            headers.add(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
        }
        try {
            producer.send(new ProducerRecord<>(Topics.PLAN_TARGETS, null, key, value, headers)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the test plan", e);
        }
    }

    private static byte[] write(Object event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
