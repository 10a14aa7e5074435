package io.planpulse.reporting.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The current roll-ups of a plan's plan, node and department keys, with their versions. */
@ApplicationScoped
public class RollupRepository {

    /** A stored roll-up: its version and JSON document. */
    public record StoredRollup(int version, String document) {
    }

    /** A live indicator of a plan as its roll-ups see it: weight, binding, owners, and status (null without progress). */
    public record Member(String indicatorId, BigDecimal weight, boolean binding, List<String> owners, String status) {
    }

    /**
     * The live indicators of these plans now, with what the roll-ups read of them, by plan, without
     * reading their definitions.
     */
    public Uni<Map<String, List<Member>>> members(SqlClient client, Collection<String> planIds) {
        return client.preparedQuery("""
                        select l.plan_id, l.indicator_id, l.weight, l.binding, l.owners, p.status
                        from (select distinct on (indicator_id) indicator_id, plan_id, weight, binding, owners, deleted
                              from indicator_version
                              where indicator_id in (select indicator_id from indicator_version where plan_id = any($1))
                              order by indicator_id, version desc) l
                        left join progress p on p.indicator_id = l.indicator_id
                        where l.plan_id = any($1) and not l.deleted
                        order by l.indicator_id""")
                .execute(Tuple.of(planIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<Member>> out = new HashMap<>();
                    rows.forEach(row -> out.computeIfAbsent(row.getString("plan_id"), k -> new ArrayList<>())
                            .add(new Member(row.getString("indicator_id"), row.getBigDecimal("weight"),
                                    Boolean.TRUE.equals(row.getBoolean("binding")), List.of(row.getArrayOfStrings("owners")),
                                    row.getString("status"))));
                    return out;
                });
    }

    /** The stored roll-ups of these plans, by key. */
    public Uni<Map<String, StoredRollup>> ofPlans(SqlClient client, Collection<String> planIds) {
        return client.preparedQuery("select rollup_key, version, document from rollup where plan_id = any($1)")
                .execute(Tuple.of(planIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StoredRollup> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString("rollup_key"),
                            new StoredRollup(row.getInteger("version"), row.getString("document"))));
                    return out;
                });
    }

    /** A new version of a plan's roll-up. */
    public record NewVersion(String key, String planId, int version, String document) {
    }

    /** Takes these published roll-ups as current where none is stored (a rebuild's starting point). */
    public Uni<Void> seed(SqlClient client, List<NewVersion> published, Instant at) {
        return write(client, published, at, "do nothing");
    }

    /** Makes these roll-up versions current, with one statement. */
    public Uni<Void> saveAll(SqlClient client, List<NewVersion> versions, Instant at) {
        return write(client, versions, at,
                "do update set version = excluded.version, document = excluded.document, updated_at = excluded.updated_at");
    }

    private static Uni<Void> write(SqlClient client, List<NewVersion> versions, Instant at, String onConflict) {
        if (versions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        insert into rollup (rollup_key, plan_id, version, document, updated_at)
                        select k, p, v, d, $5 from unnest($1::text[], $2::text[], $3::int[], $4::text[]) as t(k, p, v, d)
                        on conflict (rollup_key) """ + onConflict)
                .execute(Tuple.tuple(Arrays.asList(versions.stream().map(NewVersion::key).toArray(String[]::new),
                        versions.stream().map(NewVersion::planId).toArray(String[]::new),
                        versions.stream().map(NewVersion::version).toArray(Integer[]::new),
                        versions.stream().map(NewVersion::document).toArray(String[]::new), at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
