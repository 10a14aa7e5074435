package io.planpulse.reporting.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What was last published of each indicator on the submitted basis's topic (DESIGN §6): its
 * version, and its content's hash while the submitted basis differs from the official one (null
 * once the key got its tombstone).
 */
@ApplicationScoped
public class SubmittedProgressRepository {

    /** The last record of a key: its version and its document's hash, null for a tombstone. */
    public record Last(int version, String contentHash) {

        public boolean differs() {
            return contentHash != null;
        }
    }

    /** The last record of those of these indicators that ever had one, by indicator. */
    public Uni<Map<String, Last>> last(SqlClient client, Collection<String> indicatorIds) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("select indicator_id, version, content_hash from submitted_progress "
                        + "where indicator_id = any($1)")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Last> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString("indicator_id"), new Last(row.getInteger("version"),
                            row.getString("content_hash"))));
                    return out;
                });
    }

    /** A record written: the indicator, its version, its document's hash (null: a tombstone). */
    public record Written(String indicatorId, int version, String contentHash) {
    }

    /**
     * Notes these records as the last of their keys; {@code seeding} (a rebuild taking what the
     * topic holds) keeps what is noted already.
     */
    public Uni<Void> saveAll(SqlClient client, List<Written> written, Instant at, boolean seeding) {
        if (written.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        insert into submitted_progress (indicator_id, version, content_hash, updated_at)
                        select * , $4 from unnest($1::text[], $2::int[], $3::text[])
                        on conflict (indicator_id) do\s""" + (seeding ? "nothing" : """
                        update set version = excluded.version,
                            content_hash = excluded.content_hash, updated_at = excluded.updated_at"""))
                .execute(Tuple.tuple(Arrays.asList(
                        written.stream().map(Written::indicatorId).toArray(String[]::new),
                        written.stream().map(Written::version).toArray(Integer[]::new),
                        written.stream().map(Written::contentHash).toArray(String[]::new),
                        at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
