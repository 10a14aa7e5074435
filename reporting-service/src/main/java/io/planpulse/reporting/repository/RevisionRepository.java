package io.planpulse.reporting.repository;

import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.ReportReviewed;
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

/**
 * Every report revision, with the instant indicators-service received it and, once official, the
 * instant it became so (DESIGN §5, "Review"); and the latest official revision of each period.
 * Adding a revision or a review decision twice changes nothing.
 */
@ApplicationScoped
public class RevisionRepository {

    /** A revision's identity. */
    public record Key(String indicatorId, String period, int revision) {

        public static Key of(ReportAccepted report) {
            return new Key(report.indicatorId(), report.period(), report.revision());
        }

        public static Key of(ReportReviewed decision) {
            return new Key(decision.indicatorId(), decision.period(), decision.revision());
        }
    }

    /**
     * Stores these revisions and moves their periods' heads forward with those that are official on
     * receipt (their plan has no review), with one statement; answers the revisions that were not
     * stored before.
     */
    public Uni<Set<Key>> addAll(SqlClient client, List<ReportAccepted> reports) {
        if (reports.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("""
                        with added as (
                            insert into revision (indicator_id, period, revision, value, provisional, withdrawn,
                                                  received_at, dept, subject, reason, note, source, review_state,
                                                  official_at)
                            select i, p, r, v::numeric, pr, w, at, d, s, re, n, so, rs, case when rs is null then at end
                            from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bool[], $6::bool[],
                                        $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                                        $13::text[])
                                 as t(i, p, r, v, pr, w, at, d, s, re, n, so, rs)
                            on conflict do nothing
                            returning indicator_id, period, revision, value, provisional, withdrawn, official_at),
                        """ + officialHeadsFrom("added"))
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
                        column(reports, ReportAccepted::source, String[]::new),
                        column(reports, r -> r.review() == null ? null : r.review().name(), String[]::new))))
                .map(RevisionRepository::keys);
    }

    /**
     * Records these review decisions on revisions still waiting (a decision seen before changes
     * nothing) and moves the heads forward with the approved ones, official from their approval;
     * answers the decisions recorded now.
     */
    public Uni<Set<Key>> review(SqlClient client, List<ReportReviewed> decisions) {
        if (decisions.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("""
                        with decided as (
                            update revision r set review_state = d.decision, reviewed_by = d.subject,
                                   reviewed_at = d.at, review_comment = d.comment,
                                   official_at = case when d.decision = 'APPROVED' then d.at end
                            from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[],
                                        $7::text[]) as d(i, p, r, decision, subject, at, comment)
                            where r.indicator_id = d.i and r.period = d.p and r.revision = d.r
                              and r.review_state = 'SUBMITTED'
                            returning r.indicator_id, r.period, r.revision, r.value, r.provisional, r.withdrawn,
                                      r.official_at),
                        """ + officialHeadsFrom("decided"))
                .execute(Tuple.tuple(Arrays.asList(
                        column(decisions, ReportReviewed::indicatorId, String[]::new),
                        column(decisions, ReportReviewed::period, String[]::new),
                        column(decisions, ReportReviewed::revision, Integer[]::new),
                        column(decisions, d -> d.decision().name(), String[]::new),
                        column(decisions, d -> d.reviewedBy() == null ? null : d.reviewedBy().subject(), String[]::new),
                        column(decisions, d -> d.reviewedAt().atOffset(ZoneOffset.UTC), OffsetDateTime[]::new),
                        column(decisions, ReportReviewed::comment, String[]::new))))
                .map(RevisionRepository::keys);
    }

    /**
     * The tail of a statement whose common table {@code cte} returns revisions: moves each period's
     * head forward to its latest official one among them, and answers their keys.
     */
    private static String officialHeadsFrom(String cte) {
        return """
                heads as (
                    insert into revision_head (indicator_id, period, revision, value, provisional, withdrawn, official_at)
                    select distinct on (indicator_id, period) * from %1$s where official_at is not null
                    order by indicator_id, period, revision desc
                    on conflict (indicator_id, period) do update set revision = excluded.revision,
                        value = excluded.value, provisional = excluded.provisional,
                        withdrawn = excluded.withdrawn, official_at = excluded.official_at
                    where revision_head.revision < excluded.revision)
                select indicator_id, period, revision from %1$s""".formatted(cte);
    }

    private static Set<Key> keys(RowSet<Row> rows) {
        Set<Key> keys = new HashSet<>();
        rows.forEach(row -> keys.add(new Key(row.getString("indicator_id"), row.getString("period"),
                row.getInteger("revision"))));
        return keys;
    }

    private static <E, T> T[] column(List<E> events, Function<E, T> field, IntFunction<T[]> array) {
        return events.stream().map(field).toArray(array);
    }

    /**
     * Every revision of an indicator received by an instant, with who sent it and why, newest first;
     * each counts from its receipt.
     */
    public Uni<List<StoredRevision>> detailed(SqlClient client, String indicatorId, Instant asOf) {
        return client.preparedQuery("""
                        select * from revision where indicator_id = $1 and received_at <= $2
                         order by received_at desc, period desc, revision desc""")
                .execute(Tuple.of(indicatorId, asOf.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<StoredRevision> out = new ArrayList<>();
                    rows.forEach(row -> out.add(stored(row)));
                    return out;
                });
    }

    /** A period's latest revision, of an indicator, in a review state. */
    public record InReview(String indicatorId, StoredRevision stored) {
    }

    /**
     * The latest revision of each period of these indicators, where it is in this review state
     * (SUBMITTED: waiting; RETURNED: sent back), the oldest received first.
     */
    public Uni<List<InReview>> inReview(SqlClient client, Collection<String> indicatorIds, String state) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery("""
                        select r.* from revision r
                          join (select indicator_id, period, max(revision) as revision from revision
                                 where indicator_id = any($1) group by indicator_id, period) latest
                            on latest.indicator_id = r.indicator_id and latest.period = r.period
                           and latest.revision = r.revision
                         where r.review_state = $2
                         order by r.received_at, r.indicator_id, r.period""")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new), state))
                .map(rows -> {
                    List<InReview> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new InReview(row.getString("indicator_id"), stored(row))));
                    return out;
                });
    }

    /**
     * Of each period of these indicators, the latest revision official at {@code asOf} (null: the
     * latest official one), counting from when it became official, by indicator: all that progress
     * and trends read, however often a period was revised.
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
                               withdrawn, official_at
                        from revision where indicator_id = any($1) and official_at <= $2
                        order by indicator_id, period, revision desc""")
                .execute(Tuple.of(ids, asOf.atOffset(ZoneOffset.UTC)));
        return rows.map(found -> {
            Map<String, List<Revision>> out = new HashMap<>();
            found.forEach(row -> out.computeIfAbsent(row.getString("indicator_id"), k -> new ArrayList<>())
                    .add(revision(row, "official_at")));
            return out;
        });
    }

    /**
     * Those of these indicators with a period whose latest revision is not official (it waits for
     * review or was returned): where the submitted basis may differ from the official one.
     */
    public Uni<Set<String>> withUnofficial(SqlClient client, Collection<String> indicatorIds) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("""
                        select distinct r.indicator_id from revision r
                          left join revision_head h on h.indicator_id = r.indicator_id and h.period = r.period
                         where r.indicator_id = any($1) and r.official_at is null
                           and (h.revision is null or r.revision > h.revision)""")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> out = new HashSet<>();
                    rows.forEach(row -> out.add(row.getString("indicator_id")));
                    return out;
                });
    }

    /**
     * Of each period of these indicators, the latest revision as received, reviewed or not, counting
     * from its receipt, by indicator: the submitted basis.
     */
    public Uni<Map<String, List<Revision>>> latestReceived(SqlClient client, Collection<String> indicatorIds) {
        return latestReceived(client, indicatorIds, null);
    }

    /** As {@link #latestReceived(SqlClient, Collection)}, of what was received by {@code asOf} (null: now). */
    public Uni<Map<String, List<Revision>>> latestReceived(SqlClient client, Collection<String> indicatorIds,
                                                           Instant asOf) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("""
                        select distinct on (indicator_id, period) indicator_id, period, revision, value, provisional,
                               withdrawn, received_at
                        from revision where indicator_id = any($1) and ($2::timestamptz is null or received_at <= $2)
                        order by indicator_id, period, revision desc""")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new), asOf == null ? null : asOf.atOffset(ZoneOffset.UTC)))
                .map(found -> {
                    Map<String, List<Revision>> out = new HashMap<>();
                    found.forEach(row -> out.computeIfAbsent(row.getString("indicator_id"), k -> new ArrayList<>())
                            .add(revision(row, "received_at")));
                    return out;
                });
    }

    /** A revision as received, with who sent it and why and where it stands in review. */
    private static StoredRevision stored(Row row) {
        return new StoredRevision(revision(row, "received_at"), row.getString("dept"), row.getString("subject"),
                row.getString("reason"), row.getString("note"), row.getString("source"), row.getString("review_state"),
                row.getString("review_comment"));
    }

    /** A revision that counts from the instant in column {@code from}. */
    private static Revision revision(Row row, String from) {
        return new Revision(row.getString("period"), row.getInteger("revision"), row.getBigDecimal("value"),
                row.getBoolean("provisional"), row.getBoolean("withdrawn"), row.getOffsetDateTime(from).toInstant());
    }

    /** What was received of an indicator by an instant: how many revisions, and from which sources. */
    public record Received(int revisions, List<String> sources) {
    }

    /** Per indicator, what was received of it by {@code asOf} (null: now); none for one that got nothing. */
    public Uni<Map<String, Received>> received(SqlClient client, Collection<String> indicatorIds, Instant asOf) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("""
                        select indicator_id, count(*) as revisions,
                               array_agg(distinct source order by source) filter (where source is not null) as sources
                          from revision where indicator_id = any($1) and ($2::timestamptz is null or received_at <= $2)
                         group by indicator_id""")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new), asOf == null ? null : asOf.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, Received> out = new HashMap<>();
                    rows.forEach(row -> {
                        String[] sources = row.getArrayOfStrings("sources");
                        out.put(row.getString("indicator_id"), new Received(row.getInteger("revisions"),
                                sources == null ? List.of() : List.of(sources)));
                    });
                    return out;
                });
    }
}
