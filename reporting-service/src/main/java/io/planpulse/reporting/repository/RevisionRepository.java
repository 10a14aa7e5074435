package io.planpulse.reporting.repository;

import io.planpulse.model.event.ReportAccepted;
import io.planpulse.reporting.domain.Revision;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
import java.util.function.Function;
import java.util.function.IntFunction;

/** Every report revision, with the instant indicators-service received it. Adding one twice changes nothing. */
@ApplicationScoped
public class RevisionRepository {

    /** A revision's identity. */
    public record Key(String indicatorId, String period, int revision) {

        public static Key of(ReportAccepted report) {
            return new Key(report.indicatorId(), report.period(), report.revision());
        }
    }

    /**
     * Stores these revisions and moves their periods' heads forward, with one statement; answers
     * the revisions that were not stored before.
     */
    public Uni<Set<Key>> addAll(SqlClient client, List<ReportAccepted> reports) {
        if (reports.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("""
                        with added as (
                            insert into revision (indicator_id, period, revision, value, provisional, withdrawn,
                                                  received_at, dept, subject, reason, note, source)
                            select i, p, r, v::numeric, pr, w, at, d, s, re, n, so
                            from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bool[], $6::bool[],
                                        $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
                                 as t(i, p, r, v, pr, w, at, d, s, re, n, so)
                            on conflict do nothing
                            returning indicator_id, period, revision, value, provisional, withdrawn, received_at),
                        heads as (
                            insert into revision_head (indicator_id, period, revision, value, provisional, withdrawn,
                                                       received_at)
                            select distinct on (indicator_id, period) * from added
                            order by indicator_id, period, revision desc
                            on conflict (indicator_id, period) do update set revision = excluded.revision,
                                value = excluded.value, provisional = excluded.provisional,
                                withdrawn = excluded.withdrawn, received_at = excluded.received_at
                            where revision_head.revision < excluded.revision)
                        select indicator_id, period, revision from added""")
                .execute(Tuple.tuple(Arrays.asList(
                        column(reports, ReportAccepted::indicatorId, String[]::new),
                        column(reports, ReportAccepted::period, String[]::new),
                        column(reports, ReportAccepted::revision, Integer[]::new),
                        column(reports, r -> r.value() == null ? null : r.value().toPlainString(), String[]::new),
                        column(reports, ReportAccepted::provisional, Boolean[]::new),
                        column(reports, ReportAccepted::withdrawn, Boolean[]::new),
                        column(reports, r -> r.receivedAt().atOffset(ZoneOffset.UTC), OffsetDateTime[]::new),
                        column(reports, r -> r.reportedBy() == null ? null : r.reportedBy().dept(), String[]::new),
                        column(reports, r -> r.reportedBy() == null ? null : r.reportedBy().subject(), String[]::new),
                        column(reports, ReportAccepted::reason, String[]::new),
                        column(reports, ReportAccepted::note, String[]::new),
                        column(reports, ReportAccepted::source, String[]::new))))
                .map(rows -> {
                    Set<Key> added = new HashSet<>();
                    rows.forEach(row -> added.add(new Key(row.getString("indicator_id"), row.getString("period"),
                            row.getInteger("revision"))));
                    return added;
                });
    }

    private static <T> T[] column(List<ReportAccepted> reports, Function<ReportAccepted, T> field,
                                  IntFunction<T[]> array) {
        return reports.stream().map(field).toArray(array);
    }

    /** Every revision of an indicator received by an instant, with who sent it and why, newest first. */
    public Uni<List<StoredRevision>> detailed(SqlClient client, String indicatorId, Instant asOf) {
        return client.preparedQuery("""
                        select * from revision where indicator_id = $1 and received_at <= $2
                         order by received_at desc, period desc, revision desc""")
                .execute(Tuple.of(indicatorId, asOf.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<StoredRevision> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new StoredRevision(revision(row), row.getString("dept"),
                            row.getString("subject"), row.getString("reason"), row.getString("note"),
                            row.getString("source"))));
                    return out;
                });
    }

    /**
     * Of each period of these indicators, the latest revision received by {@code asOf} (null: the
     * latest of all), by indicator: all that progress and trends read, however often a period was
     * revised.
     */
    public Uni<Map<String, List<Revision>>> latest(SqlClient client, Collection<String> indicatorIds, Instant asOf) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] ids = indicatorIds.toArray(String[]::new);
        Uni<RowSet<Row>> rows = asOf == null
                ? client.preparedQuery("select * from revision_head where indicator_id = any($1)").execute(Tuple.of(ids))
                : client.preparedQuery("""
                        select distinct on (indicator_id, period) indicator_id, period, revision, value, provisional,
                               withdrawn, received_at
                        from revision where indicator_id = any($1) and received_at <= $2
                        order by indicator_id, period, revision desc""")
                .execute(Tuple.of(ids, asOf.atOffset(ZoneOffset.UTC)));
        return rows.map(found -> {
            Map<String, List<Revision>> out = new HashMap<>();
            found.forEach(row -> out.computeIfAbsent(row.getString("indicator_id"), k -> new ArrayList<>())
                    .add(revision(row)));
            return out;
        });
    }

    private static Revision revision(Row row) {
        return new Revision(row.getString("period"), row.getInteger("revision"), row.getBigDecimal("value"),
                row.getBoolean("provisional"), row.getBoolean("withdrawn"), row.getOffsetDateTime("received_at").toInstant());
    }
}
