package io.planpulse.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.model.event.CloudEventHeaders;
import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.ReportReviewed;
import io.planpulse.model.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events as the producing services do (CloudEvents binary mode, version header), so that a
 * service's tests can feed it what another service would.
 */
public final class EventPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    public void plan(PlanDefined plan, Instant at) {
        send(Topics.PLAN_TARGETS, EventTypes.planKey(plan.planId()), EventTypes.PLAN_DEFINED, plan.planId(),
                plan.version(), at, write(plan));
    }

    public void indicator(IndicatorDefined indicator, Instant at) {
        send(Topics.PLAN_TARGETS, indicator.indicatorId(), EventTypes.INDICATOR_DEFINED, indicator.indicatorId(),
                indicator.version(), at, write(indicator));
    }

    public void indicatorTombstone(String indicatorId, int version, Instant at) {
        send(Topics.PLAN_TARGETS, indicatorId, EventTypes.INDICATOR_DELETED, indicatorId, version, at, null);
    }

    public void report(ReportAccepted report) {
        send(Topics.INDICATOR_REPORTS, report.indicatorId(), EventTypes.REPORT_ACCEPTED,
                report.indicatorId() + "/" + report.period(), report.revision(), report.receivedAt(), write(report));
    }

    public void reviewed(ReportReviewed decision) {
        send(Topics.INDICATOR_REPORTS, decision.indicatorId(), EventTypes.REPORT_REVIEWED,
                decision.indicatorId() + "/" + decision.period(), decision.revision(), decision.reviewedAt(),
                write(decision));
    }

    /** A record of the topic's first event type as any producer might write it, for poison-record tests. */
    public void raw(String topic, String key, byte[] value) {
        raw(topic, key, topic.equals(Topics.INDICATOR_REPORTS) ? EventTypes.REPORT_ACCEPTED : EventTypes.INDICATOR_DEFINED,
                value);
    }

    /** A record of any type as any producer might write it, for poison-record tests. */
    public void raw(String topic, String key, String type, byte[] value) {
        send(topic, key, type, key, 1, Instant.now(), value);
    }

    private void send(String topic, String key, String type, String subject, int version, Instant at, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.SOURCE, bytes(CloudEventHeaders.source("test")));
        headers.add(CloudEventHeaders.TYPE, bytes(type));
        headers.add(CloudEventHeaders.TIME, bytes(at.toString()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
        headers.add(CloudEventHeaders.VERSION, bytes(Integer.toString(version)));
        if (value != null) {
            headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        }
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
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
