package io.planpulse.indicators.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.indicators.domain.Caller;
import io.planpulse.indicators.domain.ReportKey;
import io.planpulse.indicators.domain.ReviewCode;
import io.planpulse.indicators.domain.ReviewJudge;
import io.planpulse.indicators.domain.ReviewRequest;
import io.planpulse.indicators.domain.ReviewTarget;
import io.planpulse.indicators.repository.ReportRepository;
import io.planpulse.indicators.repository.ReviewRepository;
import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.ReportReviewed;
import io.planpulse.model.event.ReviewState;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Period;
import io.planpulse.platform.outbox.OutboxRow;
import io.planpulse.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The plan office's review (DESIGN §5, "Review"): approves or returns submitted revisions, one by
 * one or a department's round at once, all or nothing. One transaction holds the Idempotency-Key's
 * claim, the locks of the periods decided on (so no report revises them meanwhile), the decisions
 * and their events.
 */
@ApplicationScoped
public class ReviewService {

    private final Pool pool;
    private final ReviewRepository reviews;
    private final ReportRepository reports;
    private final OutboxWriter outbox;
    private final IdempotentWrites idempotent;
    private final ObjectMapper json;

    public ReviewService(Pool pool, ReviewRepository reviews, ReportRepository reports, OutboxWriter outbox,
                         IdempotentWrites idempotent, ObjectMapper json) {
        this.pool = pool;
        this.reviews = reviews;
        this.reports = reports;
        this.outbox = outbox;
        this.idempotent = idempotent;
        this.json = json;
    }

    /** What a review did: the verdict and the instant its decisions took effect. */
    public record Outcome(ReviewRequest request, ReviewJudge.Verdict verdict, Instant at) {
    }

    public Uni<WriteAnswer> review(ReviewRequest request, Caller caller, Optional<IdempotencyKey> key,
                                   Function<Outcome, WriteAnswer> answer) {
        return idempotent.run(caller, key, (connection, now) -> judge(connection, request, caller)
                .call(verdict -> verdict.refusals().isEmpty() ? store(connection, request, verdict, caller, now)
                        : Uni.createFrom().voidItem())
                .map(verdict -> answer.apply(new Outcome(request, verdict, now))));
    }

    private Uni<ReviewJudge.Verdict> judge(SqlConnection c, ReviewRequest request, Caller caller) {
        if (request.items() != null) {
            Set<ReportKey> keys = new LinkedHashSet<>();
            request.items().forEach(item -> keys.add(item.key()));
            return reports.lock(c, keys).chain(() -> reviews.targets(c, keys))
                    .map(targets -> ReviewJudge.items(request.items(), targets, caller));
        }
        ReviewRequest.Scope scope = request.scope();
        return reviews.plan(c, scope.planId()).flatMap(plan -> {
            if (plan.isEmpty()) {
                return Uni.createFrom().item(new ReviewJudge.Verdict(List.of(), List.of(new ReviewJudge.Refusal(
                        "scope", ReviewCode.NOT_FOUND, "there is no plan " + scope.planId()))));
            }
            String office = plan.get().office();
            if (!ReviewJudge.mayReview(caller, office)) {
                return Uni.createFrom().item(ReviewJudge.scope(scope, office, List.of(), caller));
            }
            return reviews.waiting(c, scope.planId(), scope.dept()).flatMap(waiting -> {
                List<ReportKey> keys = waiting.stream()
                        .filter(k -> Period.parse(k.period()).map(scope::covers).orElse(false)).toList();
                // what waited before the lock may have been decided or revised by now: judge what is there
                return reports.lock(c, keys).chain(() -> reviews.targets(c, keys)).map(targets -> ReviewJudge.scope(
                        scope, office, targets.values().stream().filter(t -> t.state() == ReviewState.SUBMITTED)
                                .sorted(Comparator.comparing(t -> t.key().toString())).toList(), caller));
            });
        });
    }

    private Uni<Void> store(SqlConnection c, ReviewRequest request, ReviewJudge.Verdict verdict, Caller caller,
                            Instant now) {
        ReviewState decision = request.action().decision();
        List<OutboxRow> events = verdict.decided().stream().map(t -> new OutboxRow(Topics.INDICATOR_REPORTS,
                t.key().indicatorId(), EventTypes.REPORT_REVIEWED, UUID.randomUUID(), t.key().toString(), now,
                t.revision(), write(new ReportReviewed(t.key().indicatorId(), t.key().period(), t.revision(), decision,
                        request.comment(), new ReportAccepted.ReportedBy(caller.dept(), caller.subject()), now))))
                .toList();
        return Uni.combine().all().unis(reviews.decide(c, verdict.decided(), decision, request.comment(), caller, now),
                outbox.add(c, events)).discardItems();
    }

    /** The latest revisions in a review state, oldest first: the office's queue, or a department's returned values. */
    public Uni<ReportPage> list(ReviewState state, String planId, String dept, int page, int size) {
        ReportQueryService.checkPage(page, size);
        return pool.withConnection(c -> reviews.count(c, state, planId, dept)
                .flatMap(total -> reviews.list(c, state, planId, dept, page, size)
                        .map(rows -> new ReportPage(rows.stream().map(ReportQueryService::item).toList(), page, size,
                                total))));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event always serialises", e);
        }
    }
}
