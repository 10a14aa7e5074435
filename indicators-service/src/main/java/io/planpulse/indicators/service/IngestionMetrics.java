package io.planpulse.indicators.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.planpulse.indicators.domain.BatchVerdict;
import io.planpulse.indicators.domain.RowResult;
import jakarta.enterprise.context.ApplicationScoped;

/** Reports accepted by outcome, rejected by code, and batch sizes. */
@ApplicationScoped
public class IngestionMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSizes;

    public IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSizes = DistributionSummary.builder("planpulse.reports.batch.size")
                .description("rows per batch").publishPercentileHistogram().register(registry);
    }

    void batch(int rows) {
        batchSizes.record(rows);
    }

    /**
     * @param stored whether the accepted rows were stored (not for an atomic batch refused whole)
     */
    void judged(BatchVerdict verdict, boolean stored) {
        verdict.refusal().ifPresent(issue -> rejected(issue.code().name()));
        for (RowResult result : verdict.rows()) {
            if (result instanceof RowResult.Rejected r) {
                rejected(r.issue().code().name());
            } else if (stored) {
                accepted((RowResult.Accepted) result);
            }
        }
        if (stored) {
            verdict.withdrawals().forEach(this::accepted);
        }
    }

    private void rejected(String code) {
        Counter.builder("planpulse.reports.rejected").tag("code", code)
                .description("report rows refused, by code").register(registry).increment();
    }

    private void accepted(RowResult.Accepted result) {
        Counter.builder("planpulse.reports.accepted").tag("outcome", result.outcome().name())
                .description("report rows accepted, by outcome").register(registry).increment();
    }
}
