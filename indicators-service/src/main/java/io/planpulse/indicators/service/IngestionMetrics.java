package io.planpulse.indicators.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.planpulse.indicators.domain.RowResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

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
    void judged(List<RowResult> results, boolean stored) {
        for (RowResult result : results) {
            if (result instanceof RowResult.Rejected r) {
                Counter.builder("planpulse.reports.rejected").tag("code", r.issue().code().name())
                        .description("report rows refused, by code").register(registry).increment();
            } else if (stored) {
                Counter.builder("planpulse.reports.accepted").tag("outcome", ((RowResult.Accepted) result).outcome().name())
                        .description("report rows accepted, by outcome").register(registry).increment();
            }
        }
    }
}
