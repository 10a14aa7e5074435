package io.planpulse.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The one way events are written to the outbox table: in the caller's transaction, all rows with
 * one multi-row statement. The services on the reactive SQL client call {@link #add}; targets-service,
 * on Hibernate Reactive, runs {@link #INSERT} with {@link #parameters} through its session, so that the
 * rows join the session's transaction (its OutboxRepository).
 */
@ApplicationScoped
public class OutboxWriter {

    /**
     * The statement, with PostgreSQL's numbered parameters ({@code $1}…{@code $8}); casts are spelled
     * {@code cast(… as …)}, which Hibernate's native-query parser reads too.
     */
    public static final String INSERT = """
            insert into outbox (topic, message_key, event_type, event_id, subject, occurred_at, version, payload)
            select t, k, ty, cast(id as uuid), s, $6, v, p
            from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as text[]),
                        cast($5 as text[]), cast($7 as int[]), cast($8 as text[]))
                 as r(t, k, ty, id, s, v, p)""";

    public Uni<Void> add(SqlClient client, List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(INSERT).execute(Tuple.tuple(parameters(rows))).replaceWithVoid();
    }

    /** The values of {@link #INSERT}'s parameters, in order: one array per column, and the rows' one instant. */
    public static List<Object> parameters(List<OutboxRow> rows) {
        return Arrays.asList(
                rows.stream().map(OutboxRow::topic).toArray(String[]::new),
                rows.stream().map(OutboxRow::key).toArray(String[]::new),
                rows.stream().map(OutboxRow::type).toArray(String[]::new),
                rows.stream().map(r -> r.eventId().toString()).toArray(String[]::new),
                rows.stream().map(OutboxRow::subject).toArray(String[]::new),
                rows.get(0).occurredAt().atOffset(ZoneOffset.UTC),
                rows.stream().map(OutboxRow::version).toArray(Integer[]::new),
                rows.stream().map(OutboxRow::payload).toArray(String[]::new));
    }
}
