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

    /** The live indicators of a plan now, with what the roll-ups read of them, without reading their definitions. */
    public Uni<List<Member>> members(SqlClient client, String planId) {
        return client.preparedQuery("""
                        select l.indicator_id, l.weight, l.binding, l.owners, p.status
                        from (select distinct on (indicator_id) indicator_id, plan_id, weight, binding, owners, deleted
                              from indicator_version
                              where indicator_id in (select indicator_id from indicator_version where plan_id = $1)
                              order by indicator_id, version desc) l
                        left join progress p on p.indicator_id = l.indicator_id
                        where l.plan_id = $1 and not l.deleted
                        order by l.indicator_id""")
                .execute(Tuple.of(planId))
                .map(rows -> {
                    List<Member> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new Member(row.getString("indicator_id"), row.getBigDecimal("weight"),
                            Boolean.TRUE.equals(row.getBoolean("binding")), List.of(row.getArrayOfStrings("owners")),
                            row.getString("status"))));
                    return out;
                });
    }

    public Uni<Map<String, StoredRollup>> ofPlan(SqlClient client, String planId) {
        return client.preparedQuery("select rollup_key, version, document from rollup where plan_id = $1")
                .execute(Tuple.of(planId))
                .map(rows -> {
                    Map<String, StoredRollup> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString("rollup_key"),
                            new StoredRollup(row.getInteger("version"), row.getString("document"))));
                    return out;
                });
    }

    /** A new version of a roll-up. */
    public record NewVersion(String key, int version, String document) {
    }

    /** Makes these versions of a plan's roll-ups current, with one statement. */
    public Uni<Void> saveAll(SqlClient client, String planId, List<NewVersion> versions, Instant at) {
        if (versions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        insert into rollup (rollup_key, plan_id, version, document, updated_at)
                        select k, $2, v, d, $5 from unnest($1::text[], $3::int[], $4::text[]) as t(k, v, d)
                        on conflict (rollup_key) do update set version = excluded.version, document = excluded.document,
                            updated_at = excluded.updated_at""")
                .execute(Tuple.tuple(Arrays.asList(versions.stream().map(NewVersion::key).toArray(String[]::new), planId,
                        versions.stream().map(NewVersion::version).toArray(Integer[]::new),
                        versions.stream().map(NewVersion::document).toArray(String[]::new), at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
