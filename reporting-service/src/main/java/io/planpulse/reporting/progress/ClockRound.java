package io.planpulse.reporting.progress;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Judges every indicator again every {@code planpulse.progress.clock-round}: statuses that time alone changes. */
@ApplicationScoped
public class ClockRound {

    private final ProgressService progress;

    public ClockRound(ProgressService progress) {
        this.progress = progress;
    }

    @Scheduled(every = "${planpulse.progress.clock-round}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return progress.clockRound();
    }
}
