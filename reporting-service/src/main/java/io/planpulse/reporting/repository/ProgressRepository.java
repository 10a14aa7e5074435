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
import java.util.TreeMap;

/** Each indicator's current progress and every version it had. */
@ApplicationScoped
public class ProgressRepository {

    /** The cause kept with a version a rebuild took from the topic: the version subscribers hold. */
    public static final String PUBLISHED = "PUBLISHED";

    /**
     * What the next judgement of an indicator compares with: its last version, status, whether it
     * was late, and its content's hash; the document itself only where no hash was stored (a row
     * from before hashes were kept).
     */
    public record Last(String indicatorId, String planId, int version, String status, Boolean late, String contentHash,
                       String document) {
    }

    /** The last judgement of those of these indicators that have one, by indicator, without their documents. */
    public Uni<Map<String, Last>> last(SqlClient client, Collection<String> indicatorIds) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("""
                        select indicator_id, plan_id, version, status, late, content_hash,
                               case when content_hash is null then document end as document
                        from progress where indicator_id = any($1)""")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Last> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString("indicator_id"), new Last(row.getString("indicator_id"),
                            row.getString("plan_id"), row.getInteger("version"), row.getString("status"),
                            row.getBoolean("late"), row.getString("content_hash"), row.getString("document"))));
                    return out;
                });
    }

    /** The current progress of those of these indicators that have one, by indicator. */
    public Uni<Map<String, StoredProgress>> current(SqlClient client, Collection<String> indicatorIds) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("select * from progress where indicator_id = any($1)")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StoredProgress> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString("indicator_id"), stored(row)));
                    return out;
                });
    }

    /** A new version of an indicator's progress, why it was computed, and what the next judgement compares with. */
    public record NewVersion(String indicatorId, String planId, int version, String status, String cause,
                             String document, boolean late, String contentHash) {
    }

    /** The new versions' columns, as {@link #saveAll} and {@link #seed} read them: one array each. */
    private static final String VERSIONS = """
            unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $7::bool[], $8::text[], $9::text[])
            as t(i, p, v, s, d, l, h, c)""";

    /** Makes these versions current and keeps them in the history, with one statement (each document sent once). */
    public Uni<Void> saveAll(SqlClient client, List<NewVersion> versions, Instant at) {
        if (versions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("with v as (select * from " + VERSIONS + "), " + """
                        saved as (
                            insert into progress (indicator_id, plan_id, version, status, document, updated_at, late,
                                                  content_hash)
                            select i, p, v, s, d, $6, l, h from v
                            on conflict (indicator_id) do update set plan_id = excluded.plan_id,
                                version = excluded.version, status = excluded.status, document = excluded.document,
                                updated_at = excluded.updated_at, late = excluded.late,
                                content_hash = excluded.content_hash)
                        insert into progress_history (indicator_id, version, status, cause, document, computed_at)
                        select i, v, s, c, d, $6 from v""")
                .execute(columns(versions, at)).replaceWithVoid();
    }

    /**
     * Takes these published documents as the current progress of indicators that have none (a
     * rebuild's starting point), each also kept in the history as the version it was published as.
     */
    public Uni<Void> seed(SqlClient client, List<NewVersion> published, Instant at) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("with v as (select * from " + VERSIONS + "), " + """
                        seeded as (
                            insert into progress (indicator_id, plan_id, version, status, document, updated_at, late,
                                                  content_hash)
                            select i, p, v, s, d, $6, l, h from v
                            on conflict (indicator_id) do nothing
                            returning indicator_id)
                        insert into progress_history (indicator_id, version, status, cause, document, computed_at)
                        select i, v, s, c, d, $6 from v join seeded on seeded.indicator_id = v.i
                        on conflict do nothing""")
                .execute(columns(published, at)).replaceWithVoid();
    }

    private static Tuple columns(List<NewVersion> versions, Instant at) {
        return Tuple.tuple(Arrays.asList(
                versions.stream().map(NewVersion::indicatorId).toArray(String[]::new),
                versions.stream().map(NewVersion::planId).toArray(String[]::new),
                versions.stream().map(NewVersion::version).toArray(Integer[]::new),
                versions.stream().map(NewVersion::status).toArray(String[]::new),
                versions.stream().map(NewVersion::document).toArray(String[]::new),
                at.atOffset(ZoneOffset.UTC),
                versions.stream().map(NewVersion::late).toArray(Boolean[]::new),
                versions.stream().map(NewVersion::contentHash).toArray(String[]::new),
                versions.stream().map(NewVersion::cause).toArray(String[]::new)));
    }

    /** Removes these indicators' current progress (their history stays). */
    public Uni<Void> removeAll(SqlClient client, Collection<String> indicatorIds) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("delete from progress where indicator_id = any($1)")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new))).replaceWithVoid();
    }

    /** Per plan, how many of its indicators are late now (a period past its due date without a value). */
    public Uni<Map<String, Long>> lateByPlan(SqlClient client) {
        return client.query("""
                        select plan_id, count(*) filter (where (document::jsonb ->> 'late')::boolean) as late
                        from progress where plan_id is not null group by plan_id""")
                .execute().map(rows -> {
                    Map<String, Long> late = new TreeMap<>();
                    rows.forEach(row -> late.put(row.getString("plan_id"), row.getLong("late")));
                    return late;
                });
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

    /** Of each of these indicators, the version of its progress current at {@code at} (absent before the first). */
    public Uni<Map<String, Integer>> versionsAt(SqlClient client, Collection<String> indicatorIds, Instant at) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("select indicator_id, max(version) as version from progress_history "
                        + "where indicator_id = any($1) and computed_at <= $2 group by indicator_id")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new), at.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, Integer> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString("indicator_id"), row.getInteger("version")));
                    return out;
                });
    }

    private static StoredProgress stored(Row row) {
        return new StoredProgress(row.getString("indicator_id"), row.getColumnIndex("plan_id") >= 0
                ? row.getString("plan_id") : null, row.getInteger("version"), row.getString("status"),
                row.getString("document"));
    }
}
