package io.planpulse.reporting.service;

import io.planpulse.common.event.EventTypes;
import io.planpulse.common.event.PlanDefined;
import io.planpulse.common.event.ProgressUpdated;
import io.planpulse.common.event.ReportAccepted;
import io.planpulse.common.event.StatusChanged;
import io.planpulse.common.event.Topics;
import io.planpulse.common.outbox.OutboxRow;
import io.planpulse.common.outbox.OutboxWriter;
import io.planpulse.common.plan.Indicator;
import io.planpulse.common.plan.Plan;
import io.planpulse.reporting.domain.Progress;
import io.planpulse.reporting.domain.ProgressCalculator;
import io.planpulse.reporting.domain.ProgressInput;
import io.planpulse.reporting.domain.Revision;
import io.planpulse.reporting.repository.DefinitionRepository;
import io.planpulse.reporting.repository.ProgressRepository;
import io.planpulse.reporting.repository.RevisionRepository;
import io.planpulse.reporting.repository.StoredIndicator;
import io.planpulse.reporting.repository.StoredProgress;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keeps every indicator's progress current: applies the plan and the reports (each once), judges
 * the indicators they touch again, and when a progress document changes stores its new version and
 * writes its events to the outbox, all in the transaction that applied the input.
 */
@ApplicationScoped
public class ProgressService {

    private final Pool pool;
    private final DefinitionRepository definitions;
    private final RevisionRepository revisions;
    private final ProgressRepository progress;
    private final OutboxWriter outbox;
    private final RollupService rollups;
    private final ProgressMetrics metrics;
    private final Json json;
    private final Clock clock;

    public ProgressService(Pool pool, DefinitionRepository definitions, RevisionRepository revisions,
                           ProgressRepository progress, OutboxWriter outbox, RollupService rollups,
                           ProgressMetrics metrics, Json json, Clock clock) {
        this.pool = pool;
        this.definitions = definitions;
        this.revisions = revisions;
        this.progress = progress;
        this.outbox = outbox;
        this.rollups = rollups;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Applies a batch of inputs in one transaction: each stored once, then every indicator they
     * touch judged again once (a burst of reports for one indicator is one recomputation), then
     * the roll-ups of the plans whose indicators changed.
     */
    public Uni<Void> apply(List<Input> inputs) {
        if (inputs.isEmpty()) {
            return done();
        }
        metrics.batch(inputs.size());
        return pool.withTransaction(c -> progress.takeTurn(c).chain(() -> {
            Map<String, Trigger> touched = new LinkedHashMap<>();
            Set<String> plans = new LinkedHashSet<>();
            Uni<Void> stored = done();
            for (Input input : inputs) {
                stored = stored.chain(() -> store(c, input, touched, plans));
            }
            return stored
                    .chain(() -> withDependents(c, touched))
                    .flatMap(all -> sequentially(List.copyOf(all.keySet()), id -> recompute(c, id, all.get(id).cause(),
                            all.get(id).changedPeriod())))
                    .flatMap(changed -> {
                        plans.addAll(changed);
                        return refresh(c, plans);
                    });
        }));
    }

    /** Why an indicator is judged again: the cause of a status change, and the period reported, if any. */
    private record Trigger(StatusChanged.Cause cause, String changedPeriod) {
    }

    /** Stores one input; notes the indicators to judge again and the plans whose roll-ups to refresh. */
    private Uni<Void> store(SqlClient c, Input input, Map<String, Trigger> touched, Set<String> plans) {
        if (input instanceof Input.Report r) {
            ReportAccepted report = r.report();
            StatusChanged.Cause cause = report.revision() == 1 && !report.withdrawn()
                    ? StatusChanged.Cause.REPORT : StatusChanged.Cause.REVISION;
            return revisions.add(c, report).invoke(added -> {
                if (added) {
                    touched.put(report.indicatorId(), new Trigger(cause, report.period()));
                }
            }).replaceWithVoid();
        }
        if (input instanceof Input.IndicatorVersion v) {
            return definitions.addIndicator(c, v.event(), v.at()).invoke(added -> {
                if (added) {
                    touched.putIfAbsent(v.event().indicatorId(), new Trigger(StatusChanged.Cause.TARGET_CHANGE, null));
                    plans.add(v.event().planId());
                }
            }).replaceWithVoid();
        }
        if (input instanceof Input.IndicatorRemoval removal) {
            return definitions.addIndicatorDeletion(c, removal.indicatorId(), removal.version(), removal.at())
                    .invoke(added -> {
                        if (added) {
                            touched.putIfAbsent(removal.indicatorId(), new Trigger(StatusChanged.Cause.TARGET_CHANGE, null));
                        }
                    }).replaceWithVoid();
        }
        if (input instanceof Input.PlanVersion v) {
            return definitions.addPlan(c, v.event(), v.at()).flatMap(added -> !added ? done()
                    : definitions.planIndicators(c, v.event().planId(), null).invoke(indicators -> {
                        indicators.forEach(i -> touched.putIfAbsent(i.indicatorId(),
                                new Trigger(StatusChanged.Cause.TARGET_CHANGE, null)));
                        plans.add(v.event().planId());
                    }).replaceWithVoid());
        }
        Input.PlanRemoval removal = (Input.PlanRemoval) input;
        return definitions.addPlanDeletion(c, removal.planId(), removal.version(), removal.at()).replaceWithVoid();
    }

    /** Judges every indicator again as time passes: reports fall due, milestones pass their dates. */
    public Uni<Void> clockRound() {
        return pool.withConnection(definitions::liveIndicators).flatMap(indicators -> sequentially(
                indicators.stream().map(StoredIndicator::indicatorId).toList(),
                id -> pool.withTransaction(c -> progress.takeTurn(c)
                        .chain(() -> recompute(c, id, StatusChanged.Cause.CLOCK, null))
                        .flatMap(plans -> refresh(c, plans)).replaceWith(Set.<String>of())))).replaceWithVoid();
    }

    /** The touched indicators and those that read them as benchmark or subject, each once. */
    private Uni<Map<String, Trigger>> withDependents(SqlClient c, Map<String, Trigger> touched) {
        Map<String, Trigger> all = new LinkedHashMap<>(touched);
        Uni<Void> chain = done();
        for (Map.Entry<String, Trigger> e : touched.entrySet()) {
            chain = chain.chain(() -> definitions.dependents(c, e.getKey()).invoke(dependents ->
                    dependents.forEach(d -> all.putIfAbsent(d, e.getValue()))).replaceWithVoid());
        }
        return chain.replaceWith(all);
    }

    /**
     * Computes an indicator's progress now; when it differs from the stored one (version, as-of and
     * computation instants aside), stores the next version and writes its events. Runs in a
     * transaction that has taken its turn.
     *
     * @return the plan whose roll-ups may have changed with it, if any
     */
    Uni<Set<String>> recompute(SqlClient c, String indicatorId, StatusChanged.Cause cause, String changedPeriod) {
        Instant now = clock.instant();
        metrics.recomputed();
        return definitions.indicator(c, indicatorId, null)
                .flatMap(stored -> progress.current(c, indicatorId).flatMap(current -> {
                    if (stored.isEmpty() || stored.get().deleted()) {
                        return current.isEmpty() ? none()
                                : removed(c, current.get(), now).replaceWith(planOf(current.get()));
                    }
                    return compute(c, stored.get(), now).flatMap(computed ->
                            changed(c, stored.get(), computed, current, cause, changedPeriod, now));
                }));
    }

    /** The progress of a stored indicator at {@code asOf}, from the revisions and plan known then. */
    Uni<Progress> compute(SqlClient c, StoredIndicator stored, Instant asOf) {
        Indicator indicator = stored.definition();
        List<String> ids = new ArrayList<>();
        ids.add(indicator.id());
        Optional.ofNullable(indicator.benchmark()).ifPresent(ids::add);
        Optional.ofNullable(indicator.subject()).ifPresent(ids::add);
        return revisions.of(c, ids).flatMap(byId -> definitions.plan(c, stored.planId(), asOf).map(plan -> {
            String zone = plan.map(PlanDefined::timeZone).orElse(stored.timeZone());
            return ProgressCalculator.compute(new ProgressInput(indicator, byId.getOrDefault(indicator.id(), List.of()),
                    revisionsOf(byId, indicator.benchmark()), revisionsOf(byId, indicator.subject()),
                    plan.map(PlanDefined::window).orElse(null), ZoneId.of(zone == null ? Plan.DEFAULT_TIME_ZONE : zone),
                    asOf));
        }));
    }

    private static List<Revision> revisionsOf(Map<String, List<Revision>> byId, String id) {
        return id == null ? List.of() : byId.getOrDefault(id, List.of());
    }

    private Uni<Set<String>> changed(SqlClient c, StoredIndicator stored, Progress computed,
                                     Optional<StoredProgress> current, StatusChanged.Cause cause, String changedPeriod,
                                     Instant now) {
        Optional<ProgressUpdated> before = current.map(p -> json.read(p.document(), ProgressUpdated.class));
        int version = current.map(p -> p.version() + 1).orElse(1);
        ProgressUpdated document = ProgressDocuments.of(computed, stored, version, now);
        if (before.isPresent() && ProgressDocuments.content(before.get()).equals(ProgressDocuments.content(document))) {
            return none();
        }
        metrics.changed();
        StatusChanged.Cause why = cause == StatusChanged.Cause.CLOCK && document.late()
                && before.map(b -> !b.late()).orElse(true) ? StatusChanged.Cause.LATE : cause;
        List<OutboxRow> events = new ArrayList<>();
        events.add(new OutboxRow(Topics.INDICATOR_PROGRESS, document.indicatorId(), EventTypes.PROGRESS_UPDATED,
                UUID.randomUUID(), document.indicatorId(), now, version, json.write(document)));
        if (before.isPresent() && !before.get().status().equals(document.status())) {
            StatusChanged alert = new StatusChanged(document.indicatorId(), document.period(), changedPeriod,
                    before.get().status(), document.status(), why, version);
            events.add(new OutboxRow(Topics.PROGRESS_ALERTS, document.indicatorId(), EventTypes.STATUS_CHANGED,
                    UUID.randomUUID(), document.indicatorId(), now, version, json.write(alert)));
            Log.infof("%s: %s → %s (%s)", document.indicatorId(), alert.from(), alert.to(), why);
        }
        return progress.save(c, document.indicatorId(), stored.planId(), version, document.status(), why.name(),
                json.write(document), now).chain(() -> outbox.add(c, events))
                .replaceWith(stored.planId() == null ? Set.<String>of() : Set.of(stored.planId()));
    }

    /** Refreshes the roll-ups of these plans, in the same transaction. */
    private Uni<Void> refresh(SqlClient c, Set<String> plans) {
        Instant now = clock.instant();
        Uni<Void> chain = done();
        for (String planId : plans) {
            if (planId != null) {
                chain = chain.chain(() -> rollups.refresh(c, planId, now));
            }
        }
        return chain;
    }

    private static Set<String> planOf(StoredProgress progress) {
        return progress.planId() == null ? Set.of() : Set.of(progress.planId());
    }

    private Uni<Void> removed(SqlClient c, StoredProgress current, Instant now) {
        int version = current.version() + 1;
        return progress.remove(c, current.indicatorId()).chain(() -> outbox.add(c, List.of(new OutboxRow(
                Topics.INDICATOR_PROGRESS, current.indicatorId(), EventTypes.PROGRESS_REMOVED, UUID.randomUUID(),
                current.indicatorId(), now, version, null))));
    }

    /** Runs the steps one after the other and gathers the plans they touched. */
    private static Uni<Set<String>> sequentially(List<String> ids, Function<String, Uni<Set<String>>> step) {
        Uni<Set<String>> chain = Uni.createFrom().item(new LinkedHashSet<>());
        for (String id : ids) {
            chain = chain.flatMap(plans -> step.apply(id).map(more -> {
                plans.addAll(more);
                return plans;
            }));
        }
        return chain;
    }

    private static Uni<Set<String>> none() {
        return Uni.createFrom().item(Set.of());
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }
}
