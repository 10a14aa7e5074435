package io.planpulse.reporting.round;

import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.ExplanationGiven;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.RoundPublished;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.PlanSettings;
import io.planpulse.platform.error.NotFoundException;
import io.planpulse.platform.outbox.OutboxRow;
import io.planpulse.platform.outbox.OutboxWriter;
import io.planpulse.reporting.domain.RoundRules;
import io.planpulse.reporting.progress.Json;
import io.planpulse.reporting.progress.PlanView;
import io.planpulse.reporting.progress.ProgressQueries;
import io.planpulse.reporting.repository.DefinitionRepository;
import io.planpulse.reporting.repository.ExplanationRepository;
import io.planpulse.reporting.repository.ExplanationRepository.StoredExplanation;
import io.planpulse.reporting.repository.RoundRepository;
import io.planpulse.reporting.repository.RoundRepository.StoredRound;
import io.planpulse.reporting.repository.StoredIndicator;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The explanations a department owes where its indicator lags in a round (DESIGN §7,
 * "Explanations"): AT_RISK, OFF_TRACK or MISSED in the round — as its latest published version
 * shows it, or while it stands unpublished as the indicator's official progress does now — owes
 * an explanation, due the plan's {@code explanationDueDays} after the round ended. Each one given
 * is a new revision, kept with who wrote it and when, and an event on plan.rounds.v1.
 */
@ApplicationScoped
public class ExplanationService {

    private final Pool pool;
    private final DefinitionRepository definitions;
    private final RoundRepository rounds;
    private final ExplanationRepository explanations;
    private final ProgressQueries queries;
    private final OutboxWriter outbox;
    private final Json json;
    private final Clock clock;

    public ExplanationService(Pool pool, DefinitionRepository definitions, RoundRepository rounds,
                              ExplanationRepository explanations, ProgressQueries queries, OutboxWriter outbox, Json json,
                              Clock clock) {
        this.pool = pool;
        this.definitions = definitions;
        this.rounds = rounds;
        this.explanations = explanations;
        this.queries = queries;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** What an explanation says, as the department wrote it. */
    public record Text(String cause, String measures, String expectedRecovery, String lang) {
    }

    /** A revision of an explanation, as read. */
    public record ExplanationView(String indicatorId, String planId, String round, int revision, String status,
                                  String cause, String measures, String expectedRecovery, String lang,
                                  ReportAccepted.ReportedBy writtenBy, Instant writtenAt) {

        static ExplanationView of(StoredExplanation e) {
            return new ExplanationView(e.indicatorId(), e.planId(), e.round(), e.revision(), e.status(), e.cause(),
                    e.measures(), e.expectedRecovery(), e.lang(), new ReportAccepted.ReportedBy(e.writtenDept(),
                    e.writtenBy()), e.writtenAt());
        }
    }

    /** What a round owes: every lagging indicator with its due date and latest explanation, if any. */
    public record Owed(String planId, String round, boolean published, LocalDate dueDate, List<Item> items) {

        /** A lagging indicator: overdue when the due date has passed without an explanation. */
        public record Item(String indicatorId, List<String> owners, String status, boolean overdue,
                           ExplanationView explanation) {
        }
    }

    /** Writes the next revision, or (a retry with the same key) answers the revision that wrote. */
    public Uni<ExplanationView> give(String indicatorId, Period round, Text text, Actor actor, String idempotencyKey) {
        String key = actor.key(idempotencyKey);
        return pool.withTransaction(c -> (key == null ? Uni.createFrom().item(Optional.<StoredExplanation>empty())
                : explanations.byKey(c, key)).flatMap(kept -> {
                    if (kept.isPresent()) {
                        return Uni.createFrom().item(ExplanationView.of(same(kept.get(), indicatorId, round,
                                idempotencyKey)));
                    }
                    return indicator(c, indicatorId).flatMap(stored -> {
                        checkMayExplain(stored, actor);
                        return plan(c, stored.planId()).flatMap(plan -> {
                            Instant now = clock.instant();
                            RoundRules.period(round, plan.window(), LocalDate.ofInstant(now, plan.zone())).ifPresent(r -> {
                                throw new RoundRefusedException(r);
                            });
                            return rounds.lock(c, plan.planId(), round.toString())
                                    .chain(() -> statuses(c, plan.planId(), round))
                                    .flatMap(statuses -> write(c, stored, round, statuses.get(indicatorId), text, actor,
                                            now, key));
                        });
                    });
                }));
    }

    /** Every revision of an indicator's explanation for a round, newest first. */
    public Uni<List<ExplanationView>> revisions(String indicatorId, Period round) {
        return pool.withConnection(c -> explanations.revisions(c, indicatorId, round.toString())).map(all -> {
            if (all.isEmpty()) {
                throw new NotFoundException("no explanation of " + indicatorId + " for round " + round + " was given");
            }
            return all.stream().map(ExplanationView::of).toList();
        });
    }

    /** What a plan's round owes, optionally of one department's indicators. */
    public Uni<Owed> owed(String planId, Period round, String dept) {
        return pool.withConnection(c -> plan(c, planId).flatMap(plan -> rounds.find(c, planId, round.toString(), null)
                .flatMap(latest -> statuses(c, planId, round).flatMap(statuses -> explanations.latest(c, planId,
                        round.toString()).flatMap(given -> definitions.planIndicators(c, planId, null).map(indicators -> {
                            LocalDate due = RoundRules.explanationDue(round, dueDays(plan));
                            boolean overdue = LocalDate.ofInstant(clock.instant(), plan.zone()).isAfter(due);
                            List<Owed.Item> items = new ArrayList<>();
                            for (StoredIndicator i : indicators) {
                                List<String> owners = i.definition().owners();
                                String status = statuses.get(i.indicatorId());
                                if ((dept == null || owners.contains(dept)) && RoundRules.lagging(status)) {
                                    StoredExplanation e = given.get(i.indicatorId());
                                    items.add(new Owed.Item(i.indicatorId(), owners, status, overdue && e == null,
                                            e == null ? null : ExplanationView.of(e)));
                                }
                            }
                            return new Owed(planId, round.toString(), published(latest), due, items);
                        }))))));
    }

    /**
     * Each indicator's status in the round: as its latest version was published, while that stands;
     * else (never published, or reopened) its official progress now.
     */
    private Uni<Map<String, String>> statuses(SqlClient c, String planId, Period round) {
        return rounds.find(c, planId, round.toString(), null).flatMap(latest -> {
            if (published(latest)) {
                Map<String, String> statuses = new LinkedHashMap<>();
                json.read(latest.get().record(), RoundPublished.class).indicators()
                        .forEach(f -> statuses.put(f.indicatorId(), f.status()));
                return Uni.createFrom().item(statuses);
            }
            return queries.planView(planId, null).map(view -> {
                Map<String, String> statuses = new LinkedHashMap<>();
                for (PlanView.Entry e : view.indicators().values()) {
                    statuses.put(e.stored().indicatorId(), e.document().status());
                }
                return statuses;
            });
        });
    }

    private Uni<ExplanationView> write(SqlClient c, StoredIndicator indicator, Period round, String status, Text text, Actor actor,
                             Instant now, String key) {
        if (!RoundRules.lagging(status)) {
            throw new RoundRefusedException(new RoundRules.Refusal(422, "NOT_LAGGING", indicator.indicatorId() + " is "
                    + (status == null ? "not in the round" : status) + " in round " + round
                    + ": an explanation is owed only where an indicator is AT_RISK, OFF_TRACK or MISSED"));
        }
        return explanations.revisions(c, indicator.indicatorId(), round.toString()).flatMap(earlier -> {
            int revision = earlier.isEmpty() ? 1 : earlier.get(0).revision() + 1;
            StoredExplanation stored = new StoredExplanation(indicator.indicatorId(), round.toString(), revision,
                    indicator.planId(), status, text.cause(), text.measures(), text.expectedRecovery(), text.lang(),
                    actor.subject(), actor.dept(), now);
            ExplanationGiven event = new ExplanationGiven(indicator.planId(), round.toString(), indicator.indicatorId(),
                    revision, status, text.cause(), text.measures(), text.expectedRecovery(), text.lang(), actor.by(), now);
            String roundKey = EventTypes.roundKey(indicator.planId(), round.toString());
            return explanations.add(c, stored, key)
                    .chain(() -> outbox.add(c, List.of(new OutboxRow(Topics.PLAN_ROUNDS, roundKey,
                            EventTypes.EXPLANATION_GIVEN, UUID.randomUUID(), roundKey + "/" + indicator.indicatorId(),
                            now, revision, json.write(event)))))
                    .replaceWith(ExplanationView.of(stored));
        });
    }

    private static void checkMayExplain(StoredIndicator indicator, Actor actor) {
        List<String> owners = indicator.definition().owners();
        if (!actor.admin() && (actor.dept() == null || !owners.contains(actor.dept()))) {
            throw new RoundRefusedException(new RoundRules.Refusal(403, "FORBIDDEN_EXPLANATION", "only a reporter of "
                    + String.join(" or ", owners) + " (owning " + indicator.indicatorId() + ") or an admin explains it"));
        }
    }

    private static StoredExplanation same(StoredExplanation kept, String indicatorId, Period round, String key) {
        if (!kept.indicatorId().equals(indicatorId) || !kept.round().equals(round.toString())) {
            throw new RoundRefusedException(new RoundRules.Refusal(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key '"
                    + key + "' was used for " + kept.indicatorId() + " in round " + kept.round()
                    + "; use a new key for a new request"));
        }
        return kept;
    }

    private Uni<StoredIndicator> indicator(SqlClient c, String indicatorId) {
        return definitions.indicator(c, indicatorId, null).map(found -> found.filter(i -> !i.deleted()).orElseThrow(
                () -> new NotFoundException("there is no indicator " + indicatorId)));
    }

    private Uni<PlanDefined> plan(SqlClient c, String planId) {
        return definitions.plan(c, planId, null).map(plan -> plan.orElseThrow(
                () -> new NotFoundException("there is no plan " + planId)));
    }

    private static boolean published(Optional<StoredRound> latest) {
        return latest.isPresent() && latest.get().reopenedAt() == null;
    }

    private static int dueDays(PlanDefined plan) {
        return plan.settings() == null ? PlanSettings.DEFAULT_EXPLANATION_DUE_DAYS : plan.settings().explanationDueDays();
    }
}
