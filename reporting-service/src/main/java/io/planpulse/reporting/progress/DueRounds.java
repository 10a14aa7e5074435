package io.planpulse.reporting.progress;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The steps that follow the apply: judging the indicators left due in a partition whose owner has not
 * taken them (it is idle), shortly after a transaction left some and every
 * {@code planpulse.progress.due-round} (for those another instance left); and the roll-ups of the plans whose statuses changed, every
 * {@code planpulse.progress.rollup-round}, so that a plan's roll-ups are computed once a round however
 * many of its statuses changed.
 */
@ApplicationScoped
public class DueRounds {

    /** Fired after a transaction that left indicators due. */
    public record LeftDue() {
    }

    private final ProgressService progress;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean again;

    public DueRounds(ProgressService progress) {
        this.progress = progress;
    }

    void onLeftDue(@Observes LeftDue event) {
        judgeDue();
    }

    /**
     * Judges what is due unless a round runs already, in which case that round is followed by
     * another: a request never waits and is never lost, and rounds never overlap.
     */
    @Scheduled(every = "${planpulse.progress.due-round}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void judgeDue() {
        again = true;
        if (running.compareAndSet(false, true)) {
            round();
        }
    }

    private void round() {
        again = false;
        // after the owners have had their chance to take what was left due with their next batches
        Uni.createFrom().voidItem().onItem().delayIt().by(ProgressService.OWNER_TAKES.multipliedBy(2))
                .chain(() -> progress.judgeDue(false)).subscribe().with(done -> next(), failure -> {
            Log.warnf(failure, "judging the indicators left due failed; the next round tries again");
            next();
        });
    }

    private void next() {
        running.set(false);
        if (again && running.compareAndSet(false, true)) {
            round();
        }
    }

    /** Ends a rebuild once it has read the topics up to where they ended when it began. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> settle() {
        return progress.settle();
    }

    @Scheduled(every = "${planpulse.progress.rollup-round}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshRollups() {
        return progress.refreshRollups();
    }
}
