package io.planpulse.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Writes events to the outbox table, in the caller's transaction, with one multi-row statement
 * (for the services that use the reactive SQL client).
 */
@ApplicationScoped
public class OutboxWriter {

    public Uni<Void> add(SqlClient client, List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        insert into outbox (topic, message_key, event_type, event_id, subject, occurred_at, version, payload)
                        select t, k, ty, id::uuid, s, $6, v, p
                        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $7::int[], $8::text[])
                             as r(t, k, ty, id, s, v, p)""")
                .execute(Tuple.tuple(Arrays.asList(
                        rows.stream().map(OutboxRow::topic).toArray(String[]::new),
                        rows.stream().map(OutboxRow::key).toArray(String[]::new),
                        rows.stream().map(OutboxRow::type).toArray(String[]::new),
                        rows.stream().map(r -> r.eventId().toString()).toArray(String[]::new),
                        rows.stream().map(OutboxRow::subject).toArray(String[]::new),
                        rows.get(0).occurredAt().atOffset(ZoneOffset.UTC),
                        rows.stream().map(OutboxRow::version).toArray(Integer[]::new),
                        rows.stream().map(OutboxRow::payload).toArray(String[]::new))))
                .replaceWithVoid();
    }
}
