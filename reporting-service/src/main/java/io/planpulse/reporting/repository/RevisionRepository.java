package io.planpulse.reporting.repository;

import io.planpulse.common.event.ReportAccepted;
import io.planpulse.reporting.domain.Revision;
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

/** Every report revision, with the instant indicators-service received it. Adding one twice changes nothing. */
@ApplicationScoped
public class RevisionRepository {

    /** Stores a revision; false when it was stored before. */
    public Uni<Boolean> add(SqlClient client, ReportAccepted report) {
        return client.preparedQuery("""
                        insert into revision (indicator_id, period, revision, value, provisional, withdrawn, received_at,
                                              dept, subject, reason, note, source)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) on conflict do nothing""")
                .execute(Tuple.tuple(Arrays.asList(report.indicatorId(), report.period(), report.revision(),
                        report.value(), report.provisional(),
                        report.withdrawn(), report.receivedAt().atOffset(ZoneOffset.UTC),
                        report.reportedBy() == null ? null : report.reportedBy().dept(),
                        report.reportedBy() == null ? null : report.reportedBy().subject(),
                        report.reason(), report.note(), report.source())))
                .map(rows -> rows.rowCount() > 0);
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

    /** The revisions of these indicators, by indicator. */
    public Uni<Map<String, List<Revision>>> of(SqlClient client, Collection<String> indicatorIds) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("select * from revision where indicator_id = any($1)")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<Revision>> out = new HashMap<>();
                    rows.forEach(row -> out.computeIfAbsent(row.getString("indicator_id"), k -> new ArrayList<>())
                            .add(revision(row)));
                    return out;
                });
    }

    private static Revision revision(Row row) {
        return new Revision(row.getString("period"), row.getInteger("revision"), row.getBigDecimal("value"),
                row.getBoolean("provisional"), row.getBoolean("withdrawn"), row.getOffsetDateTime("received_at").toInstant());
    }
}
