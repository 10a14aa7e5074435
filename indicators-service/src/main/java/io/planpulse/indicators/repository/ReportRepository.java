package io.planpulse.indicators.repository;

import io.planpulse.indicators.domain.Head;
import io.planpulse.indicators.domain.ReportKey;
import io.planpulse.model.event.ReviewState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Report revisions and the latest revision of each period, written with one multi-row statement each. */
@ApplicationScoped
public class ReportRepository {

    /** The advisory lock class of report periods (two-key form; apart from the relay's one-key lock). */
    private static final int PERIOD_LOCK_CLASS = 7320;

    /**
     * Locks the periods a transaction will revise, until it ends, in one fixed order so that
     * concurrent batches cannot deadlock; revisions of one period are thus numbered one at a time.
     */
    public Uni<Void> lock(SqlClient client, Collection<ReportKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Integer[] hashes = keys.stream().map(k -> k.toString().hashCode()).distinct().sorted().toArray(Integer[]::new);
        return client.preparedQuery("select count(pg_advisory_xact_lock($1, k)) from unnest($2::int[]) as k")
                .execute(Tuple.of(PERIOD_LOCK_CLASS, hashes)).replaceWithVoid();
    }

    public Uni<Map<ReportKey, Head>> heads(SqlClient client, Collection<ReportKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("""
                        select h.indicator_id, h.period, h.revision, h.value, h.provisional, h.withdrawn, h.note,
                               h.review_state
                        from report_head h join unnest($1::text[], $2::text[]) as k(indicator_id, period)
                          on h.indicator_id = k.indicator_id and h.period = k.period""")
                .execute(Tuple.of(keys.stream().map(ReportKey::indicatorId).toArray(String[]::new),
                        keys.stream().map(ReportKey::period).toArray(String[]::new)))
                .map(rows -> {
                    Map<ReportKey, Head> heads = new HashMap<>();
                    for (Row row : rows) {
                        heads.put(new ReportKey(row.getString("indicator_id"), row.getString("period")),
                                new Head(row.getInteger("revision"), row.getBigDecimal("value"),
                                        row.getBoolean("provisional"), row.getBoolean("withdrawn"), row.getString("note"),
                                        review(row)));
                    }
                    return heads;
                });
    }

    /** Stores new revisions and makes each its period's latest. */
    public Uni<Void> store(SqlClient client, List<StoredRevision> revisions) {
        if (revisions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple columns = Tuple.tuple(Arrays.asList(
                revisions.stream().map(StoredRevision::indicatorId).toArray(String[]::new),
                revisions.stream().map(StoredRevision::period).toArray(String[]::new),
                revisions.stream().map(StoredRevision::revision).toArray(Integer[]::new),
                revisions.stream().map(r -> r.value() == null ? null : r.value().toPlainString()).toArray(String[]::new),
                revisions.stream().map(StoredRevision::provisional).toArray(Boolean[]::new),
                revisions.stream().map(StoredRevision::withdrawn).toArray(Boolean[]::new),
                revisions.stream().map(StoredRevision::note).toArray(String[]::new),
                revisions.stream().map(StoredRevision::reason).toArray(String[]::new),
                revisions.stream().map(StoredRevision::source).toArray(String[]::new),
                revisions.stream().map(StoredRevision::dept).toArray(String[]::new),
                revisions.stream().map(StoredRevision::subject).toArray(String[]::new),
                revisions.get(0).receivedAt().atOffset(ZoneOffset.UTC),
                revisions.stream().map(r -> String.join(",", r.warnings())).toArray(String[]::new),
                revisions.stream().map(r -> r.review() == null ? null : r.review().name()).toArray(String[]::new)));
        Uni<Void> insert = client.preparedQuery("""
                        insert into report_revision (indicator_id, period, revision, value, provisional, withdrawn, note,
                            reason, source, reported_by_dept, reported_by_subject, received_at, warnings, review_state)
                        select i, p, r, v::numeric, pr, w, n, re, s, d, su, $12,
                               coalesce(string_to_array(nullif(wa, ''), ','), '{}'), rs
                        from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bool[], $6::bool[], $7::text[],
                                    $8::text[], $9::text[], $10::text[], $11::text[], $13::text[], $14::text[])
                             as t(i, p, r, v, pr, w, n, re, s, d, su, wa, rs)""")
                .execute(columns).replaceWithVoid();
        Uni<Void> heads = client.preparedQuery("""
                        insert into report_head (indicator_id, period, revision, value, provisional, withdrawn, note,
                                                 review_state)
                        select i, p, r, v::numeric, pr, w, n, rs
                        from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bool[], $6::bool[], $7::text[],
                                    $8::text[])
                             as t(i, p, r, v, pr, w, n, rs)
                        on conflict (indicator_id, period) do update set revision = excluded.revision,
                            value = excluded.value, provisional = excluded.provisional, withdrawn = excluded.withdrawn,
                            note = excluded.note, review_state = excluded.review_state""")
                .execute(Tuple.tuple(Arrays.asList(columns.getValue(0), columns.getValue(1), columns.getValue(2),
                        columns.getValue(3), columns.getValue(4), columns.getValue(5), columns.getValue(6),
                        columns.getValue(13))))
                .replaceWithVoid();
        return Uni.combine().all().unis(insert, heads).discardItems();
    }

    /** Every revision, newest first, optionally of one indicator and period. */
    public Uni<List<StoredRevision>> list(SqlClient client, String indicatorId, String period, int page, int size) {
        return client.preparedQuery("""
                        select * from report_revision
                        where ($1::text is null or indicator_id = $1) and ($2::text is null or period = $2)
                        order by received_at desc, id desc limit $3 offset $4""")
                .execute(Tuple.of(indicatorId, period, size, (long) page * size))
                .map(rows -> {
                    List<StoredRevision> out = new ArrayList<>();
                    rows.forEach(row -> out.add(stored(row)));
                    return out;
                });
    }

    /** A revision from a row of report_revision. */
    static StoredRevision stored(Row row) {
        OffsetDateTime reviewedAt = row.getOffsetDateTime("reviewed_at");
        return new StoredRevision(row.getString("indicator_id"), row.getString("period"), row.getInteger("revision"),
                row.getBigDecimal("value"), row.getBoolean("provisional"), row.getBoolean("withdrawn"),
                row.getString("note"), row.getString("reason"), row.getString("source"),
                row.getString("reported_by_dept"), row.getString("reported_by_subject"),
                row.getOffsetDateTime("received_at").toInstant(), Arrays.asList(row.getArrayOfStrings("warnings")),
                review(row), reviewedAt == null ? null : new StoredRevision.Decision(row.getString("reviewed_by_dept"),
                        row.getString("reviewed_by_subject"), reviewedAt.toInstant(), row.getString("review_comment")));
    }

    static ReviewState review(Row row) {
        String state = row.getString("review_state");
        return state == null ? null : ReviewState.valueOf(state);
    }

    public Uni<Long> count(SqlClient client, String indicatorId, String period) {
        return client.preparedQuery("""
                        select count(*) from report_revision
                        where ($1::text is null or indicator_id = $1) and ($2::text is null or period = $2)""")
                .execute(Tuple.of(indicatorId, period))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The periods of these indicators that have a value now (a withdrawn one does not count). */
    public Uni<Map<String, Set<String>>> reportedPeriods(SqlClient client, Collection<String> indicatorIds) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("select indicator_id, period from report_head where indicator_id = any($1) and not withdrawn")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Set<String>> out = new HashMap<>();
                    rows.forEach(row -> out.computeIfAbsent(row.getString("indicator_id"), k -> new HashSet<>())
                            .add(row.getString("period")));
                    return out;
                });
    }
}
