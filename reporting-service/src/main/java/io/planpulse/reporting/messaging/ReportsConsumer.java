package io.planpulse.reporting.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.planpulse.model.event.CloudEventHeaders;
import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.ReportReviewed;
import io.planpulse.model.event.ReviewState;
import io.planpulse.model.event.Topics;
import io.planpulse.platform.consumer.DeadLetters;
import io.planpulse.reporting.progress.Input;
import io.planpulse.reporting.progress.ProgressService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows the reports and the review decisions on indicator.reports.v1, a poll's batch at a time, with as many consumers as
 * {@code concurrency} says, each applying the partitions the group assigned it while the others
 * apply theirs: every revision stored once (by indicator, period and revision) and every indicator
 * the batch touched judged again once, in one transaction, before the offsets are committed. A
 * record that cannot be read goes to indicator.reports.v1.dlq; a batch that cannot be applied is
 * tried again, and if it still cannot, the consumer stops rather than lose it (health reports it).
 */
@ApplicationScoped
public class ReportsConsumer {

    private final ProgressService progress;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;

    public ReportsConsumer(ProgressService progress, @Channel("dead-letters") Emitter<byte[]> deadLetters,
            MeterRegistry registry, ObjectMapper json) {
        this.progress = progress;
        this.deadLetters = new DeadLetters(deadLetters, registry, Topics.INDICATOR_REPORTS);
        this.json = json;
    }

    @Incoming("indicator-reports")
    @Retry(maxRetries = 10, delay = 500, jitter = 200)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return Uni.createFrom().deferred(() -> deadLetters.<Input>readAll(records, this::read))
                .flatMap(progress::apply)
                .onFailure().invoke(e -> Log.errorf(e, "indicator.reports.v1: a batch of %d was not applied", records.count()));
    }

    /** A report or a review decision, by the record's ce_type; anything else is a poison record. */
    private Input read(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        String name = type == null ? null : new String(type.value(), StandardCharsets.UTF_8);
        if (EventTypes.REPORT_ACCEPTED.equals(name)) {
            ReportAccepted report = payload(record, ReportAccepted.class);
            check(record, report.indicatorId(), report.period(), report.receivedAt());
            return new Input.Report(report);
        }
        if (EventTypes.REPORT_REVIEWED.equals(name)) {
            ReportReviewed decision = payload(record, ReportReviewed.class);
            check(record, decision.indicatorId(), decision.period(), decision.reviewedAt());
            if (decision.decision() != ReviewState.APPROVED && decision.decision() != ReviewState.RETURNED) {
                throw new IllegalArgumentException("an indicator.reports.v1 decision that is neither APPROVED nor "
                        + "RETURNED: " + record.key());
            }
            return new Input.Review(decision);
        }
        throw new IllegalArgumentException("an indicator.reports.v1 record of type " + name + ": " + record.key());
    }

    private <T> T payload(ConsumerRecord<String, byte[]> record, Class<T> type) {
        if (record.value() == null) {
            throw new IllegalArgumentException("an indicator.reports.v1 record without a value");
        }
        try {
            return json.readValue(record.value(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("an indicator.reports.v1 record that does not read: " + e.getMessage(), e);
        }
    }

    private static void check(ConsumerRecord<String, byte[]> record, String indicatorId, String period, Object at) {
        if (indicatorId == null || period == null || at == null || !indicatorId.equals(record.key())) {
            throw new IllegalArgumentException("an indicator.reports.v1 record without indicator, period or time, "
                    + "or under another key: " + record.key());
        }
    }
}
