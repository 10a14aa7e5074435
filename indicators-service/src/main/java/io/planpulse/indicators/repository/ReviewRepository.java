package io.planpulse.indicators.repository;

import io.planpulse.indicators.domain.Caller;
import io.planpulse.indicators.domain.ReportKey;
import io.planpulse.indicators.domain.ReviewTarget;
import io.planpulse.model.event.ReviewState;
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

/** Review state of the latest revisions: what waits, what a review decides on, and the decisions. */
@ApplicationScoped
public class ReviewRepository {

    /** A plan the catalogue knows, and its office (null: none). */
    public record PlanOffice(String planId, String office) {
    }

    public Uni<Optional<PlanOffice>> plan(SqlClient client, String planId) {
        return client.preparedQuery("select plan_id, office from catalogue_plan where plan_id = $1 and not deleted")
                .execute(Tuple.of(planId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(new PlanOffice(
                        rows.iterator().next().getString("plan_id"), rows.iterator().next().getString("office"))));
    }

    /** The periods whose latest revision waits for review, of the indicators a department owns in a plan. */
    public Uni<List<ReportKey>> waiting(SqlClient client, String planId, String dept) {
        return client.preparedQuery("""
                        select h.indicator_id, h.period from report_head h
                          join catalogue_indicator i on i.indicator_id = h.indicator_id
                         where h.review_state = 'SUBMITTED' and i.plan_id = $1 and $2 = any(i.owners) and not i.deleted
                         order by h.indicator_id, h.period""")
                .execute(Tuple.of(planId, dept))
                .map(rows -> {
                    List<ReportKey> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new ReportKey(row.getString("indicator_id"), row.getString("period"))));
                    return out;
                });
    }

    /** The latest revision of each of these periods that has one, with its sender and its plan's office. */
    public Uni<Map<ReportKey, ReviewTarget>> targets(SqlClient client, Collection<ReportKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("""
                        select h.indicator_id, h.period, h.revision, h.review_state, r.reported_by_subject, p.office
                          from report_head h
                          join unnest($1::text[], $2::text[]) as k(indicator_id, period)
                            on h.indicator_id = k.indicator_id and h.period = k.period
                          join report_revision r
                            on r.indicator_id = h.indicator_id and r.period = h.period and r.revision = h.revision
                          left join catalogue_indicator i on i.indicator_id = h.indicator_id and not i.deleted
                          left join catalogue_plan p on p.plan_id = i.plan_id and not p.deleted""")
                .execute(Tuple.of(keys.stream().map(ReportKey::indicatorId).toArray(String[]::new),
                        keys.stream().map(ReportKey::period).toArray(String[]::new)))
                .map(rows -> {
                    Map<ReportKey, ReviewTarget> out = new HashMap<>();
                    for (Row row : rows) {
                        ReportKey key = new ReportKey(row.getString("indicator_id"), row.getString("period"));
                        out.put(key, new ReviewTarget(key, row.getInteger("revision"), ReportRepository.review(row),
                                row.getString("reported_by_subject"), row.getString("office")));
                    }
                    return out;
                });
    }

    /** Records the decision on these revisions, each still its period's latest (the periods are locked). */
    public Uni<Void> decide(SqlClient client, List<ReviewTarget> decided, ReviewState decision, String comment,
                            Caller reviewer, Instant at) {
        Tuple columns = Tuple.tuple(Arrays.asList(
                decided.stream().map(t -> t.key().indicatorId()).toArray(String[]::new),
                decided.stream().map(t -> t.key().period()).toArray(String[]::new),
                decided.stream().map(ReviewTarget::revision).toArray(Integer[]::new),
                decision.name(), reviewer.dept(), reviewer.subject(), at.atOffset(ZoneOffset.UTC), comment));
        Uni<Void> revisions = client.preparedQuery("""
                        update report_revision r set review_state = $4, reviewed_by_dept = $5, reviewed_by_subject = $6,
                               reviewed_at = $7, review_comment = $8
                          from unnest($1::text[], $2::text[], $3::int[]) as k(indicator_id, period, revision)
                         where r.indicator_id = k.indicator_id and r.period = k.period and r.revision = k.revision""")
                .execute(columns).replaceWithVoid();
        Uni<Void> heads = client.preparedQuery("""
                        update report_head h set review_state = $4
                          from unnest($1::text[], $2::text[], $3::int[]) as k(indicator_id, period, revision)
                         where h.indicator_id = k.indicator_id and h.period = k.period and h.revision = k.revision""")
                .execute(Tuple.of(columns.getValue(0), columns.getValue(1), columns.getValue(2), decision.name()))
                .replaceWithVoid();
        return Uni.combine().all().unis(revisions, heads).discardItems();
    }

    /**
     * The latest revisions in a review state (optionally of a plan, and of the indicators a department
     * owns), oldest first: the office's queue, or a department's returned values.
     */
    public Uni<List<StoredRevision>> list(SqlClient client, ReviewState state, String planId, String dept, int page,
                                          int size) {
        return client.preparedQuery("select r.* " + IN_STATE + " order by r.received_at, r.id limit $4 offset $5")
                .execute(Tuple.of(state.name(), planId, dept, size, (long) page * size))
                .map(rows -> {
                    List<StoredRevision> out = new ArrayList<>();
                    rows.forEach(row -> out.add(ReportRepository.stored(row)));
                    return out;
                });
    }

    public Uni<Long> count(SqlClient client, ReviewState state, String planId, String dept) {
        return client.preparedQuery("select count(*) " + IN_STATE).execute(Tuple.of(state.name(), planId, dept))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static final String IN_STATE = """
            from report_head h
            join report_revision r on r.indicator_id = h.indicator_id and r.period = h.period and r.revision = h.revision
            join catalogue_indicator i on i.indicator_id = h.indicator_id and not i.deleted
            where h.review_state = $1 and ($2::text is null or i.plan_id = $2) and ($3::text is null or $3 = any(i.owners))
            """;
}
