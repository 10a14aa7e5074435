package io.planpulse.reporting.progress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Inputs applied per batch, indicators judged again, and progress documents that changed. */
@ApplicationScoped
public class ProgressMetrics {

    private final DistributionSummary batchSize;
    private final Counter recomputed;
    private final Counter changed;

    public ProgressMetrics(MeterRegistry registry) {
        batchSize = DistributionSummary.builder("planpulse.progress.batch.size")
                .description("inputs applied in one transaction").publishPercentileHistogram()
                // a poll's records at most (max.poll.records): unbounded, the histogram has 276 buckets up to 2^62
                .minimumExpectedValue(1.0).maximumExpectedValue(1_000.0).register(registry);
        recomputed = Counter.builder("planpulse.progress.recomputed")
                .description("indicators judged again").register(registry);
        changed = Counter.builder("planpulse.progress.changed")
                .description("progress documents that changed and were published").register(registry);
    }

    void batch(int inputs) {
        batchSize.record(inputs);
    }

    void recomputed() {
        recomputed.increment();
    }

    void changed() {
        changed.increment();
    }
}
