package io.planpulse.indicators.service;

import io.planpulse.indicators.repository.IdempotencyRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Removes Idempotency-Key responses whose 24 hours are up. */
@ApplicationScoped
public class IdempotencyHousekeeping {

    private final Pool pool;
    private final IdempotencyRepository idempotency;
    private final Clock clock;

    public IdempotencyHousekeeping(Pool pool, IdempotencyRepository idempotency, Clock clock) {
        this.pool = pool;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeExpired() {
        return pool.withConnection(c -> idempotency.deleteExpired(c, clock.instant()))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("removed %d expired idempotency key(s)", n);
                    }
                })
                .replaceWithVoid();
    }
}
