package io.planpulse.reporting.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Each indicator's current progress and every version it had. */
@ApplicationScoped
public class ProgressRepository {

    /** The advisory lock that makes the transactions applying inputs take turns (two-key form). */
    private static final int PROGRESS_LOCK_CLASS = 7330;

    /**
     * Makes this transaction the only one applying inputs until it ends. An indicator's progress
     * reads other indicators' values (benchmark, subject); taking turns means that a transaction
     * always sees what the ones before it committed, so no change is judged on stale inputs, and no
     * two transactions can wait for each other.
     */
    public Uni<Void> takeTurn(SqlClient client) {
        return client.preparedQuery("select pg_advisory_xact_lock($1, 0)")
                .execute(Tuple.of(PROGRESS_LOCK_CLASS)).replaceWithVoid();
    }

    public Uni<Optional<StoredProgress>> current(SqlClient client, String indicatorId) {
        return client.preparedQuery("select * from progress where indicator_id = $1").execute(Tuple.of(indicatorId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    public Uni<List<StoredProgress>> ofPlan(SqlClient client, String planId) {
        return client.preparedQuery("select * from progress where plan_id = $1 order by indicator_id")
                .execute(Tuple.of(planId))
                .map(rows -> {
                    List<StoredProgress> out = new ArrayList<>();
                    rows.forEach(row -> out.add(stored(row)));
                    return out;
                });
    }

    /** Makes a new version current and keeps it in the history. */
    public Uni<Void> save(SqlClient client, String indicatorId, String planId, int version, String status, String cause,
                          String document, Instant at) {
        Uni<Void> current = client.preparedQuery("""
                        insert into progress (indicator_id, plan_id, version, status, document, updated_at)
                        values ($1, $2, $3, $4, $5, $6)
                        on conflict (indicator_id) do update set plan_id = excluded.plan_id, version = excluded.version,
                            status = excluded.status, document = excluded.document, updated_at = excluded.updated_at""")
                .execute(Tuple.tuple(Arrays.asList(indicatorId, planId, version, status, document, at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
        Uni<Void> history = client.preparedQuery("""
                        insert into progress_history (indicator_id, version, status, cause, document, computed_at)
                        values ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.tuple(Arrays.asList(indicatorId, version, status, cause, document, at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
        return current.chain(() -> history);
    }

    /** Removes an indicator's current progress (its history stays). */
    public Uni<Void> remove(SqlClient client, String indicatorId) {
        return client.preparedQuery("delete from progress where indicator_id = $1").execute(Tuple.of(indicatorId))
                .replaceWithVoid();
    }

    /** Every version of an indicator's progress, newest first. */
    public Uni<List<StoredProgress>> history(SqlClient client, String indicatorId) {
        return client.preparedQuery("select * from progress_history where indicator_id = $1 order by version desc")
                .execute(Tuple.of(indicatorId))
                .map(rows -> {
                    List<StoredProgress> out = new ArrayList<>();
                    rows.forEach(row -> out.add(stored(row)));
                    return out;
                });
    }

    /** The version of an indicator's progress that was current at {@code at}, or 0 before the first. */
    public Uni<Integer> versionAt(SqlClient client, String indicatorId, Instant at) {
        return client.preparedQuery("select coalesce(max(version), 0) from progress_history where indicator_id = $1 "
                        + "and computed_at <= $2")
                .execute(Tuple.of(indicatorId, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    private static StoredProgress stored(Row row) {
        return new StoredProgress(row.getString("indicator_id"), row.getColumnIndex("plan_id") >= 0
                ? row.getString("plan_id") : null, row.getInteger("version"), row.getString("status"),
                row.getString("document"));
    }
}
