package io.planpulse.reporting.progress;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.planpulse.reporting.repository.ProgressRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gauge {@code planpulse.progress.late.indicators}, by plan: how many indicators are late now, read
 * from the stored progress every {@code planpulse.progress.late-gauge}, so every instance reports the
 * same figure (the late-reports alert takes the highest). A plan with none reports 0.
 */
@ApplicationScoped
public class LateIndicators {

    private final Pool pool;
    private final ProgressRepository progress;
    private final MultiGauge gauge;

    public LateIndicators(Pool pool, ProgressRepository progress, MeterRegistry registry) {
        this.pool = pool;
        this.progress = progress;
        this.gauge = MultiGauge.builder("planpulse.progress.late.indicators")
                .description("indicators of a plan with a period past its due date and no value").register(registry);
    }

    @Scheduled(every = "${planpulse.progress.late-gauge}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.withConnection(progress::lateByPlan)
                .invoke(late -> gauge.register(late.entrySet().stream()
                        .map(e -> MultiGauge.Row.of(Tags.of("plan", e.getKey()), e.getValue()))
                        .toList(), true))
                .replaceWithVoid();
    }
}
