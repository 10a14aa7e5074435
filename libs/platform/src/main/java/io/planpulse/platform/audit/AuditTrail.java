package io.planpulse.platform.audit;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's audit trail, in its own database: sign-ins, sign-outs, every write and every export
 * (who, when, what, from where, how it ended), kept for {@code planpulse.audit.retention}, read by
 * admins ({@link AuditResource}).
 */
@ApplicationScoped
public class AuditTrail {

    private final Pool pool;
    private final Clock clock;
    private final Duration retention;

    public AuditTrail(Pool pool, Clock clock, @ConfigProperty(name = "planpulse.audit.retention", defaultValue = "P400D")
            Duration retention) {
        this.pool = pool;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Records an event that happens now. It never fails: an event the database cannot take (it is
     * gone, or too slow) goes to the log instead, whole, at ERROR, and the answer it belongs to is
     * given as it was (a write that was stored must not be answered 500 for its audit row).
     */
    public Uni<Void> record(String actor, String dept, String action, String what, int outcome, String origin) {
        Instant at = clock.instant();
        return pool.preparedQuery("""
                        insert into audit_event (at, actor, dept, action, what, outcome, origin)
                        values ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.tuple().addOffsetDateTime(at.atOffset(ZoneOffset.UTC)).addString(actor)
                        .addString(dept).addString(action).addString(what).addInteger(outcome).addString(origin))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    Log.errorf("audit event not stored (%s): %s", e.getMessage(),
                            new AuditEvent(at, actor, dept, action, what, outcome, origin));
                    return Uni.createFrom().voidItem();
                });
    }

    /** The events from {@code from} (inclusive) to {@code to} (exclusive), of one actor or all, newest first, at most {@code limit}. */
    public Uni<List<AuditEvent>> read(Instant from, Instant to, String actor, int limit) {
        return pool.preparedQuery("""
                        select at, actor, dept, action, what, outcome, origin from audit_event
                        where at >= $1 and at < $2 and ($3::text is null or actor = $3)
                        order by at desc, id desc limit $4""")
                .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), actor, limit))
                .map(rows -> {
                    List<AuditEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(new AuditEvent(row.getOffsetDateTime("at").toInstant(), row.getString("actor"),
                                row.getString("dept"), row.getString("action"), row.getString("what"),
                                row.getInteger("outcome"), row.getString("origin")));
                    }
                    return events;
                });
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> removeExpired() {
        return pool.preparedQuery("delete from audit_event where at < $1")
                .execute(Tuple.of(clock.instant().minus(retention).atOffset(ZoneOffset.UTC)))
                .invoke(rows -> Log.debugf("removed %d audit events older than %s", rows.rowCount(), retention))
                .replaceWithVoid();
    }
}
