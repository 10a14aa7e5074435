package io.planpulse.indicators.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.indicators.domain.BatchVerdict;
import io.planpulse.indicators.domain.Caller;
import io.planpulse.indicators.domain.CatalogueEntry;
import io.planpulse.indicators.domain.Head;
import io.planpulse.indicators.domain.ReportEvaluator;
import io.planpulse.indicators.domain.ReportKey;
import io.planpulse.indicators.domain.ReportRow;
import io.planpulse.indicators.domain.RowResult;
import io.planpulse.indicators.repository.CatalogueRepository;
import io.planpulse.indicators.repository.ReportRepository;
import io.planpulse.indicators.repository.StoredRevision;
import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Ids;
import io.planpulse.platform.outbox.OutboxRow;
import io.planpulse.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The use case of DESIGN §5: take reports, judge them against the catalogue and the latest
 * revisions, store the accepted ones with their events, and answer. One transaction holds the
 * Idempotency-Key's claim ({@link IdempotentWrites}), the revisions, the latest-revision rows and
 * the outbox rows.
 */
@ApplicationScoped
public class ReportService {

    private final CatalogueRepository catalogue;
    private final ReportRepository reports;
    private final OutboxWriter outbox;
    private final IdempotentWrites idempotent;
    private final IngestionMetrics metrics;
    private final ObjectMapper json;

    public ReportService(CatalogueRepository catalogue, ReportRepository reports, OutboxWriter outbox,
                         IdempotentWrites idempotent, IngestionMetrics metrics, ObjectMapper json) {
        this.catalogue = catalogue;
        this.reports = reports;
        this.outbox = outbox;
        this.idempotent = idempotent;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * One report. The caller makes the answer from its result (the REST layer's wire format); it is
     * kept with the Idempotency-Key in the same transaction, so a retry gets the same answer.
     */
    public Uni<WriteAnswer> submit(ReportRow row, Caller caller, Optional<IdempotencyKey> key,
                                   Function<RowResult, WriteAnswer> answer) {
        BatchRequest one = new BatchRequest(List.of(row), false, false, null);
        return ingest(one, caller, key, verdict -> answer.apply(verdict.rows().get(0)));
    }

    /** A batch, answered as {@link #submit} is, from the batch's verdict. */
    public Uni<WriteAnswer> submitBatch(BatchRequest batch, Caller caller, Optional<IdempotencyKey> key,
                                        Function<BatchVerdict, WriteAnswer> answer) {
        metrics.batch(batch.rows().size());
        return ingest(batch, caller, key, answer);
    }

    private Uni<WriteAnswer> ingest(BatchRequest batch, Caller caller, Optional<IdempotencyKey> key,
                                    Function<BatchVerdict, WriteAnswer> answer) {
        return idempotent.run(caller, key,
                (connection, now) -> judgeAndStore(connection, batch, caller, now).map(answer));
    }

    private Uni<BatchVerdict> judgeAndStore(SqlConnection connection, BatchRequest batch, Caller caller, Instant now) {
        List<ReportRow> rows = batch.rows();
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(row -> {
            // another spelling names no indicator (and a NUL could not even be sent to the database)
            if (Ids.isIndicatorId(row.indicatorId())) {
                ids.add(row.indicatorId());
            }
        });
        return catalogue.find(connection, ids).flatMap(entries -> inScope(connection, batch, entries).flatMap(scope -> {
            Set<ReportKey> needed = new LinkedHashSet<>(ReportEvaluator.keysNeeded(rows, entries));
            needed.addAll(scope);
            Set<ReportKey> revised = new LinkedHashSet<>(ReportEvaluator.reportedKeys(rows, entries));
            revised.addAll(scope);
            Uni<Void> locked = batch.dryRun() ? Uni.createFrom().voidItem() : reports.lock(connection, revised);
            // the lock and the read of the heads go out together, pipelined; the read runs once the lock is held
            Uni<Map<ReportKey, Head>> current = Uni.combine().all().unis(locked, reports.heads(connection, needed))
                    .with((ignored, heads) -> heads);
            return current.flatMap(heads -> {
                BatchVerdict verdict = ReportEvaluator.evaluate(rows, entries, heads, caller, now, batch.replace());
                if (batch.dryRun()) {
                    return Uni.createFrom().item(verdict);
                }
                if (batch.atomic() && verdict.conflicts()) {
                    metrics.judged(verdict, false);
                    return Uni.createFrom().item(verdict);
                }
                metrics.judged(verdict, true);
                List<RowResult.Accepted> stored = verdict.revisions();
                // the revisions, their heads and their events go out together, pipelined, in this order
                return Uni.combine().all().unis(reports.store(connection, revisions(stored, caller, now)),
                        outbox.add(connection, events(stored, caller, now))).discardItems().replaceWith(verdict);
            });
        }));
    }

    /**
     * The periods a replace's scope covers that hold a value now, read before the lock. A value
     * someone pushes into the scope between this read and the lock is newer than the replace and
     * stays; every period read here is locked before its latest revision is read again.
     */
    private Uni<Set<ReportKey>> inScope(SqlConnection connection, BatchRequest batch, Map<String, CatalogueEntry> entries) {
        if (batch.replace() == null) {
            return Uni.createFrom().item(Set.of());
        }
        return reports.reportedPeriods(connection, ReportEvaluator.scopeIndicators(batch.rows(), entries))
                .map(held -> ReportEvaluator.inScope(batch.replace(), held));
    }

    private static List<StoredRevision> revisions(List<RowResult.Accepted> stored, Caller caller, Instant now) {
        return stored.stream().map(a -> new StoredRevision(a.key().indicatorId(), a.key().period(), a.revision(),
                a.value(), a.provisional(), a.withdrawn(), a.note(), a.reason(), a.source(), caller.dept(),
                caller.subject(), now, a.warnings().stream().map(w -> w.code().name()).toList(), a.review(), null))
                .toList();
    }

    private List<OutboxRow> events(List<RowResult.Accepted> stored, Caller caller, Instant now) {
        return stored.stream().map(a -> new OutboxRow(Topics.INDICATOR_REPORTS, a.key().indicatorId(),
                EventTypes.REPORT_ACCEPTED, UUID.randomUUID(), a.key().toString(), now, a.revision(),
                write(new ReportAccepted(a.key().indicatorId(), a.key().period(), a.revision(), a.value(), a.provisional(),
                        a.withdrawn(), a.note(), a.reason(), a.source(),
                        new ReportAccepted.ReportedBy(caller.dept(), caller.subject()), now, a.review())))).toList();
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response always serialises", e);
        }
    }
}
