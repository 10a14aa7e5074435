package io.planpulse.reporting.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.common.event.ReportAccepted;
import io.planpulse.reporting.service.ProgressService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows the reports on indicator.reports.v1: each revision stored once (by indicator, period and
 * revision) and its indicator judged again, before the offset is committed. Poison goes to the DLQ.
 */
@ApplicationScoped
public class ReportsConsumer {

    private final ProgressService progress;
    private final ObjectMapper json;

    public ReportsConsumer(ProgressService progress, ObjectMapper json) {
        this.progress = progress;
        this.json = json;
    }

    @Incoming("indicator-reports")
    @Retry(maxRetries = 5, delay = 200, jitter = 100, abortOn = IllegalArgumentException.class)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("an indicator.reports.v1 record without a value");
        }
        ReportAccepted report;
        try {
            report = json.readValue(record.value(), ReportAccepted.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("an indicator.reports.v1 record that does not read: " + e.getMessage(), e);
        }
        if (report.indicatorId() == null || report.period() == null || report.receivedAt() == null
                || !report.indicatorId().equals(record.key())) {
            throw new IllegalArgumentException("an indicator.reports.v1 record without indicator, period or time, "
                    + "or under another key: " + record.key());
        }
        return progress.report(report).onFailure().invoke(e -> Log.errorf(e, "%s %s: not applied; to the dead-letter topic",
                "indicator.reports.v1", record.key()));
    }
}
