package io.planpulse.indicators.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/** Responses kept for Idempotency-Key retries, and the lock that tells a retry its first try still runs. */
@ApplicationScoped
public class IdempotencyRepository {

    /** The advisory lock class of idempotency keys (two-key form). */
    private static final int KEY_LOCK_CLASS = 7321;

    /** A kept response: what the first request was, and what it was answered. */
    public record KeptResponse(String requestHash, int status, String type, String body) {
    }

    /** Takes the key's lock for this transaction; false when another request with the key holds it. */
    public Uni<Boolean> tryLock(SqlClient client, String caller, String key) {
        return client.preparedQuery("select pg_try_advisory_xact_lock($1, $2)")
                .execute(Tuple.of(KEY_LOCK_CLASS, (caller + "\n" + key).hashCode()))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<Optional<KeptResponse>> find(SqlClient client, String caller, String key, Instant now) {
        return client.preparedQuery("""
                        select request_hash, response_status, response_type, response_body from idempotency_key
                        where caller = $1 and idempotency_key = $2 and expires_at > $3""")
                .execute(Tuple.of(caller, key, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new KeptResponse(row.getString("request_hash"), row.getInteger("response_status"),
                            row.getString("response_type"), row.getString("response_body")));
                });
    }

    public Uni<Void> keep(SqlClient client, String caller, String key, KeptResponse response, Instant now, Instant expires) {
        return client.preparedQuery("""
                        insert into idempotency_key (caller, idempotency_key, request_hash, response_status, response_type,
                            response_body, created_at, expires_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8)
                        on conflict (caller, idempotency_key) do update set request_hash = excluded.request_hash,
                            response_status = excluded.response_status, response_type = excluded.response_type,
                            response_body = excluded.response_body, created_at = excluded.created_at,
                            expires_at = excluded.expires_at""")
                .execute(Tuple.tuple(Arrays.asList(caller, key, response.requestHash(), response.status(), response.type(),
                        response.body(), now.atOffset(ZoneOffset.UTC), expires.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** Removes the responses whose time is up; returns how many. */
    public Uni<Integer> deleteExpired(SqlClient client, Instant now) {
        return client.preparedQuery("delete from idempotency_key where expires_at <= $1")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }
}
