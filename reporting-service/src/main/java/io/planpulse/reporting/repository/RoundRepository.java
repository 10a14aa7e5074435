package io.planpulse.reporting.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every version of every published round, as published and, where it was, reopened. */
@ApplicationScoped
public class RoundRepository {

    /** The advisory lock class of rounds (two-key form): one publication or reopening of a round at a time. */
    private static final int ROUND_LOCK_CLASS = 7341;

    /**
     * A version of a round: its record and snapshot as JSON (null where a rebuild restored it), and
     * its reopening, if any.
     */
    public record StoredRound(String planId, String round, int version, Instant publishedAt, String publishedBy,
                              String publishedDept, String record, String snapshot, Instant reopenedAt,
                              String reopenedBy, String reopenReason) {
    }

    public Uni<Void> lock(SqlClient client, String planId, String round) {
        return client.preparedQuery("select pg_advisory_xact_lock($1, $2)")
                .execute(Tuple.of(ROUND_LOCK_CLASS, (planId + "/" + round).hashCode())).replaceWithVoid();
    }

    /** The latest version of a round, or a given one (version null: the latest). */
    public Uni<Optional<StoredRound>> find(SqlClient client, String planId, String round, Integer version) {
        return client.preparedQuery("""
                        select * from round_version where plan_id = $1 and round = $2 and ($3::int is null or version = $3)
                         order by version desc limit 1""")
                .execute(Tuple.of(planId, round, version))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /** The version a caller's publication ({@code reopen} false) or reopening with this key made. */
    public Uni<Optional<StoredRound>> byKey(SqlClient client, String key, boolean reopen) {
        return client.preparedQuery("select * from round_version where " + (reopen ? "reopen_key" : "publish_key")
                        + " = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /** Every version of every round of a plan, by round and version. */
    public Uni<List<StoredRound>> all(SqlClient client, String planId) {
        return client.preparedQuery("select * from round_version where plan_id = $1 order by round, version")
                .execute(Tuple.of(planId))
                .map(rows -> {
                    List<StoredRound> out = new ArrayList<>();
                    rows.forEach(row -> out.add(stored(row)));
                    return out;
                });
    }

    public Uni<Void> add(SqlClient client, StoredRound round, String key) {
        return client.preparedQuery("""
                        insert into round_version (plan_id, round, version, published_at, published_by, published_dept,
                                                   publish_key, record, snapshot)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.tuple(Arrays.asList(round.planId(), round.round(), round.version(),
                        round.publishedAt().atOffset(ZoneOffset.UTC), round.publishedBy(), round.publishedDept(), key,
                        round.record(), round.snapshot())))
                .replaceWithVoid();
    }

    /**
     * Restores a version as its {@code planpulse.round.published} record tells it (a rebuild), unless
     * it is there already; it has no snapshot.
     */
    public Uni<Void> restore(SqlClient client, StoredRound round) {
        return client.preparedQuery("""
                        insert into round_version (plan_id, round, version, published_at, published_by, published_dept,
                                                   record)
                        values ($1, $2, $3, $4, $5, $6, $7)
                        on conflict do nothing""")
                .execute(Tuple.tuple(Arrays.asList(round.planId(), round.round(), round.version(),
                        round.publishedAt().atOffset(ZoneOffset.UTC), round.publishedBy(), round.publishedDept(),
                        round.record())))
                .replaceWithVoid();
    }

    public Uni<Void> reopen(SqlClient client, StoredRound round, Instant at, String by, String reason, String key) {
        return client.preparedQuery("""
                        update round_version set reopened_at = $4, reopened_by = $5, reopen_reason = $6, reopen_key = $7
                         where plan_id = $1 and round = $2 and version = $3""")
                .execute(Tuple.tuple(Arrays.asList(round.planId(), round.round(), round.version(),
                        at.atOffset(ZoneOffset.UTC), by, reason, key)))
                .replaceWithVoid();
    }

    private static StoredRound stored(Row row) {
        OffsetDateTime reopenedAt = row.getOffsetDateTime("reopened_at");
        return new StoredRound(row.getString("plan_id"), row.getString("round"), row.getInteger("version"),
                row.getOffsetDateTime("published_at").toInstant(), row.getString("published_by"),
                row.getString("published_dept"), row.getString("record"), row.getString("snapshot"),
                reopenedAt == null ? null : reopenedAt.toInstant(), row.getString("reopened_by"),
                row.getString("reopen_reason"));
    }
}
