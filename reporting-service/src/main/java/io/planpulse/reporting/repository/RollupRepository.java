package io.planpulse.reporting.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The current roll-ups of a plan's plan, node and department keys, with their versions. */
@ApplicationScoped
public class RollupRepository {

    /** A stored roll-up: its version and JSON document. */
    public record StoredRollup(int version, String document) {
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

    public Uni<Void> save(SqlClient client, String key, String planId, int version, String document, Instant at) {
        return client.preparedQuery("""
                        insert into rollup (rollup_key, plan_id, version, document, updated_at) values ($1, $2, $3, $4, $5)
                        on conflict (rollup_key) do update set version = excluded.version, document = excluded.document,
                            updated_at = excluded.updated_at""")
                .execute(Tuple.tuple(Arrays.asList(key, planId, version, document, at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
