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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every revision of every explanation of an indicator in a round. */
@ApplicationScoped
public class ExplanationRepository {

    /** A revision of an explanation, as written. */
    public record StoredExplanation(String indicatorId, String round, int revision, String planId, String status,
                                    String cause, String measures, String expectedRecovery, String lang,
                                    String writtenBy, String writtenDept, Instant writtenAt) {
    }

    /** Every revision of an indicator's explanation for a round, newest first. */
    public Uni<List<StoredExplanation>> revisions(SqlClient client, String indicatorId, String round) {
        return client.preparedQuery("select * from explanation where indicator_id = $1 and round = $2 "
                        + "order by revision desc")
                .execute(Tuple.of(indicatorId, round))
                .map(ExplanationRepository::all);
    }

    /** The latest revision of each explanation of a plan's round, by indicator. */
    public Uni<Map<String, StoredExplanation>> latest(SqlClient client, String planId, String round) {
        return client.preparedQuery("""
                        select distinct on (indicator_id) * from explanation where plan_id = $1 and round = $2
                         order by indicator_id, revision desc""")
                .execute(Tuple.of(planId, round))
                .map(rows -> byIndicator(all(rows)));
    }

    /**
     * The latest explanation of each of these indicators written by {@code asOf} (null: now),
     * whatever its round.
     */
    public Uni<Map<String, StoredExplanation>> latestOf(SqlClient client, Collection<String> indicatorIds,
                                                        Instant asOf) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("""
                        select distinct on (indicator_id) * from explanation
                         where indicator_id = any($1) and ($2::timestamptz is null or written_at <= $2)
                         order by indicator_id, written_at desc, revision desc""")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new), asOf == null ? null : asOf.atOffset(ZoneOffset.UTC)))
                .map(rows -> byIndicator(all(rows)));
    }

    /** The latest explanation of an indicator for each round, written by {@code asOf}, the latest round first. */
    public Uni<List<StoredExplanation>> ofIndicator(SqlClient client, String indicatorId, Instant asOf) {
        return client.preparedQuery("""
                        select * from (select distinct on (round) * from explanation
                                        where indicator_id = $1 and written_at <= $2
                                        order by round, revision desc) latest
                         order by written_at desc""")
                .execute(Tuple.of(indicatorId, asOf.atOffset(ZoneOffset.UTC)))
                .map(ExplanationRepository::all);
    }

    /** The revision a caller's request with this key wrote. */
    public Uni<Optional<StoredExplanation>> byKey(SqlClient client, String key) {
        return client.preparedQuery("select * from explanation where request_key = $1").execute(Tuple.of(key))
                .map(rows -> all(rows).stream().findFirst());
    }

    public Uni<Void> add(SqlClient client, StoredExplanation e, String key) {
        return insert(client, e, key, "");
    }

    /** Restores a revision as its {@code planpulse.explanation.given} record tells it (a rebuild), unless it is there. */
    public Uni<Void> restore(SqlClient client, StoredExplanation e) {
        return insert(client, e, null, " on conflict do nothing");
    }

    private Uni<Void> insert(SqlClient client, StoredExplanation e, String key, String onConflict) {
        return client.preparedQuery("""
                        insert into explanation (indicator_id, round, revision, plan_id, status, cause, measures,
                                                 expected_recovery, lang, written_by, written_dept, written_at, request_key)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""" + onConflict)
                .execute(Tuple.tuple(Arrays.asList(e.indicatorId(), e.round(), e.revision(), e.planId(), e.status(),
                        e.cause(), e.measures(), e.expectedRecovery(), e.lang(), e.writtenBy(), e.writtenDept(),
                        e.writtenAt().atOffset(ZoneOffset.UTC), key)))
                .replaceWithVoid();
    }

    private static List<StoredExplanation> all(Iterable<Row> rows) {
        List<StoredExplanation> out = new ArrayList<>();
        rows.forEach(row -> out.add(new StoredExplanation(row.getString("indicator_id"), row.getString("round"),
                row.getInteger("revision"), row.getString("plan_id"), row.getString("status"), row.getString("cause"),
                row.getString("measures"), row.getString("expected_recovery"), row.getString("lang"),
                row.getString("written_by"), row.getString("written_dept"),
                row.getOffsetDateTime("written_at").toInstant())));
        return out;
    }

    private static Map<String, StoredExplanation> byIndicator(List<StoredExplanation> explanations) {
        Map<String, StoredExplanation> out = new HashMap<>();
        explanations.forEach(e -> out.put(e.indicatorId(), e));
        return out;
    }
}
