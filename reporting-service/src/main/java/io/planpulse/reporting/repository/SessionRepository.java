package io.planpulse.reporting.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** The board's sign-ins: the login tokens already used, and the sessions, by the hash of their cookie. */
@ApplicationScoped
public class SessionRepository {

    /** Marks a login token as used; false when it was used before. */
    public Uni<Boolean> useLoginToken(SqlClient client, String tokenId, Instant expiresAt) {
        return client.preparedQuery("insert into board_login (token_id, expires_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(tokenId, expiresAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> create(SqlClient client, byte[] idHash, String subject, Instant now, Instant expiresAt) {
        return client.preparedQuery("""
                        insert into board_session (id_hash, subject, created_at, expires_at) values ($1, $2, $3, $4)""")
                .execute(Tuple.of(Buffer.buffer(idHash), subject, now.atOffset(ZoneOffset.UTC),
                        expiresAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The subject of a session that has not expired by {@code now}. */
    public Uni<Optional<String>> subject(SqlClient client, byte[] idHash, Instant now) {
        return client.preparedQuery("select subject from board_session where id_hash = $1 and expires_at > $2")
                .execute(Tuple.of(Buffer.buffer(idHash), now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("subject")));
    }

    public Uni<Void> delete(SqlClient client, byte[] idHash) {
        return client.preparedQuery("delete from board_session where id_hash = $1")
                .execute(Tuple.of(Buffer.buffer(idHash))).replaceWithVoid();
    }

    /** Removes the sessions and used login tokens that expired by {@code now}; how many. */
    public Uni<Integer> removeExpired(SqlClient client, Instant now) {
        Tuple at = Tuple.of(now.atOffset(ZoneOffset.UTC));
        return client.preparedQuery("delete from board_session where expires_at <= $1").execute(at)
                .flatMap(sessions -> client.preparedQuery("delete from board_login where expires_at <= $1").execute(at)
                        .map(logins -> sessions.rowCount() + logins.rowCount()));
    }
}
