package io.planpulse.indicators.service;

import io.planpulse.indicators.domain.Caller;
import io.planpulse.indicators.repository.IdempotencyRepository;
import io.planpulse.platform.error.UnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs a write (DESIGN §5) in one transaction that is safe to retry with an Idempotency-Key: the key
 * is claimed first and the answer kept with it last, so the answer and the change commit or vanish
 * together, and a retry gets the first answer without doing the work again. A database that does
 * not answer in time is a 503 that asks for that retry.
 */
@ApplicationScoped
public class IdempotentWrites {

    /** What a 503 asks the caller to wait before retrying. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final Pool pool;
    private final IdempotencyRepository idempotency;
    private final IngestionConfig config;
    private final Clock clock;

    public IdempotentWrites(Pool pool, IdempotencyRepository idempotency, IngestionConfig config, Clock clock) {
        this.pool = pool;
        this.idempotency = idempotency;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The answer kept with the key, or else {@code work}'s (given the transaction and its instant),
     * kept with the key. 409 while an earlier request with the key still runs (its lock is held);
     * 422 when the key came with another request.
     */
    public Uni<WriteAnswer> run(Caller caller, Optional<IdempotencyKey> key,
                                BiFunction<SqlConnection, Instant, Uni<WriteAnswer>> work) {
        Instant now = clock.instant();
        return pool.withTransaction(connection -> once(connection, caller, key, now, () -> work.apply(connection, now)))
                .ifNoItem().after(config.databaseTimeout()).failWith(() -> new UnavailableException(
                        "the database did not answer within " + config.databaseTimeout().toSeconds()
                                + " s; retry with the same Idempotency-Key", RETRY_AFTER));
    }

    private Uni<WriteAnswer> once(SqlConnection connection, Caller caller, Optional<IdempotencyKey> key, Instant now,
                                  Supplier<Uni<WriteAnswer>> work) {
        if (key.isEmpty()) {
            return work.get();
        }
        IdempotencyKey k = key.get();
        return idempotency.tryLock(connection, caller.subject(), k.key()).flatMap(locked -> {
            if (!locked) {
                throw new IdempotencyConflictException("a request with Idempotency-Key '" + k.key()
                        + "' is still being processed; retry when it has been answered");
            }
            return idempotency.find(connection, caller.subject(), k.key(), now);
        }).flatMap(found -> {
            if (found.isPresent()) {
                if (!found.get().requestHash().equals(k.requestHash())) {
                    throw new IdempotencyKeyReusedException("Idempotency-Key '" + k.key()
                            + "' was used for another request; use a new key for a new request");
                }
                return Uni.createFrom().item(new WriteAnswer(found.get().status(), found.get().type(), found.get().body()));
            }
            return work.get().call(answer -> idempotency.keep(connection, caller.subject(), k.key(),
                    new IdempotencyRepository.KeptResponse(k.requestHash(), answer.status(), answer.type(), answer.body()),
                    now, now.plus(config.idempotencyTtl())));
        });
    }
}
