package io.planpulse.targets.repository;

import io.planpulse.platform.outbox.OutboxRow;
import io.planpulse.platform.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Adds events to the outbox in the current session's transaction, with the statement every service
 * writes its outbox with ({@link OutboxWriter}): Hibernate Reactive runs it on the session's own
 * connection, so the events commit or roll back with the plan's rows.
 */
@ApplicationScoped
public class OutboxRepository {

    /** {@link OutboxWriter#INSERT} with Hibernate's ordinal parameters ({@code ?1}) for PostgreSQL's ({@code $1}). */
    private static final String INSERT = Pattern.compile("\\$(\\d+)").matcher(OutboxWriter.INSERT)
            .replaceAll(m -> Matcher.quoteReplacement("?" + m.group(1)));

    public Uni<Void> add(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> {
            Mutiny.MutationQuery insert = session.createNativeQuery(INSERT);
            List<Object> parameters = OutboxWriter.parameters(rows);
            for (int i = 0; i < parameters.size(); i++) {
                insert.setParameter(i + 1, parameters.get(i));
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }
}
