package io.planpulse.reporting.board;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The progress changes that open boards follow, as they appear on indicator.progress.v1: every
 * instance of the service reads the topic, so a board sees the changes whichever instance made them.
 */
@ApplicationScoped
public class LiveChanges {

    /** One indicator's progress changed (or was removed: status null). */
    public record Change(String planId, String indicatorId, String status, int version) {
    }

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();
    private final AtomicInteger open = new AtomicInteger();

    /** Whether any board follows the changes now: while none does, there is nothing to read them for. */
    public boolean watched() {
        return open.get() > 0;
    }

    public void publish(Change change) {
        changes.onNext(change);
    }

    /**
     * The changes from now on, of one plan. A board that cannot keep up misses changes rather than
     * holding the others back: it redraws from the current state at the next one it hears.
     */
    public Multi<Change> of(String planId) {
        return changes.onOverflow().drop().filter(c -> c.planId() == null || c.planId().equals(planId))
                .onSubscription().invoke(open::incrementAndGet)
                .onTermination().invoke(open::decrementAndGet);
    }
}
