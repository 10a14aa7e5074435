package io.planpulse.reporting.progress;

import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.ReportReviewed;
import io.planpulse.model.event.ReviewState;
import io.planpulse.model.event.StatusChanged;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Plan;
import io.planpulse.platform.outbox.OutboxRow;
import io.planpulse.platform.outbox.OutboxWriter;
import io.planpulse.reporting.domain.Progress;
import io.planpulse.reporting.domain.ProgressCalculator;
import io.planpulse.reporting.domain.ProgressInput;
import io.planpulse.reporting.domain.Revision;
import io.planpulse.reporting.repository.DefinitionRepository;
import io.planpulse.reporting.repository.DueRepository;
import io.planpulse.reporting.repository.ExplanationRepository;
import io.planpulse.reporting.repository.ProgressRepository;
import io.planpulse.reporting.repository.RevisionRepository;
import io.planpulse.reporting.repository.StoredIndicator;
import io.planpulse.reporting.repository.SubmittedProgressRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keeps every indicator's progress current: applies the plan and the reports (each once), judges
 * the indicators they touch again, and when a progress document changes stores its new version and
 * writes its events to the outbox, all in the transaction that applied the input.
 *
 * <p>Judging is partitioned (DESIGN §2, "How reporting-service applies"): a transaction judges only
 * indicators whose home partition's lock it holds, which for a consumer is the partitions of its own
 * batch, so consumers of different partitions never wait for each other. What it touches elsewhere
 * (another partition's dependents, a plan or definition change, the clock) it leaves as due rows,
 * which the owner takes with its next batch or {@link #judgeDue} takes when the owner is idle; the
 * roll-ups of the plans whose statuses changed are left due for {@link #refreshRollups}.
 */
@ApplicationScoped
public class ProgressService {

    /** How many due indicators one transaction judges. */
    private static final int DUE_SLICE = 1000;
    /**
     * How long an owner that applies takes to take its partition's due indicators with a batch of its
     * own; what has waited longer is the due round's (an owner between batches is not disturbed).
     */
    static final Duration OWNER_TAKES = Duration.ofMillis(200);

    private final Pool pool;
    private final DefinitionRepository definitions;
    private final RevisionRepository revisions;
    private final ProgressRepository progress;
    private final DueRepository due;
    private final ExplanationRepository explanations;
    private final SubmittedProgressRepository submitted;
    private final OutboxWriter outbox;
    private final RollupService rollups;
    private final ProgressMetrics metrics;
    private final Json json;
    private final Clock clock;
    private final Event<DueRounds.LeftDue> leftDue;
    private final Rebuild rebuild;
    /** The dates of the last clock round in every time zone in use (none before this instance's first). */
    private volatile Map<String, LocalDate> roundDates = Map.of();

    public ProgressService(Pool pool, DefinitionRepository definitions, RevisionRepository revisions,
                           ProgressRepository progress, DueRepository due, ExplanationRepository explanations,
                           SubmittedProgressRepository submitted, OutboxWriter outbox, RollupService rollups,
                           ProgressMetrics metrics, Json json, Clock clock, Event<DueRounds.LeftDue> leftDue,
                           Rebuild rebuild) {
        this.pool = pool;
        this.definitions = definitions;
        this.revisions = revisions;
        this.progress = progress;
        this.due = due;
        this.explanations = explanations;
        this.submitted = submitted;
        this.outbox = outbox;
        this.rollups = rollups;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.leftDue = leftDue;
        this.rebuild = rebuild;
    }

    /**
     * Applies a batch of inputs in one transaction: each stored once; then, holding the locks of the
     * reports' home partitions, every indicator of those partitions they touch (and any due there)
     * judged again once (a burst of reports for one indicator is one judgement); the rest left due.
     * Each step reads and writes the whole batch with a few statements, however many inputs it has.
     * While a rebuild reads the topics ({@link Rebuild}), inputs are only stored.
     */
    public Uni<Void> apply(List<Input> inputs) {
        if (inputs.isEmpty()) {
            return done();
        }
        return rebuild.phase().flatMap(phase -> {
            if (phase == Rebuild.Phase.STORING && rebuild.enterStoring()) {
                metrics.batch(inputs.size());
                return pool.withTransaction(c -> store(c, inputs, new LinkedHashMap<>(), new LinkedHashSet<>()))
                        .eventually(rebuild::leaveStoring);
            }
            return applyAndJudge(inputs);
        });
    }

    private Uni<Void> applyAndJudge(List<Input> inputs) {
        metrics.batch(inputs.size());
        Set<Integer> partitions = new TreeSet<>();
        inputs.forEach(i -> {
            if (i instanceof Input.Report r) {
                partitions.add(HomePartitions.of(r.report().indicatorId()));
            } else if (i instanceof Input.Review r) {
                partitions.add(HomePartitions.of(r.decision().indicatorId()));
            }
        });
        Uni<Boolean> applied = pool.withTransaction(c -> {
            Map<String, Trigger> touched = new LinkedHashMap<>();
            Set<String> plans = new LinkedHashSet<>();
            return store(c, inputs, touched, plans)
                    .chain(() -> partitions.isEmpty() ? done() : due.lockPartitions(c, partitions))
                    .chain(() -> withDependents(c, touched))
                    .flatMap(all -> (partitions.isEmpty() ? Uni.createFrom().item(List.<DueRepository.Due>of())
                            : due.take(c, partitions, DUE_SLICE)).flatMap(taken -> {
                                taken.forEach(d -> all.putIfAbsent(d.indicatorId(), Trigger.of(d)));
                                return judgeHere(c, all, partitions, plans);
                            }));
        });
        return applied.invoke(leftDue -> {
            if (leftDue) {
                this.leftDue.fire(new DueRounds.LeftDue());
            }
        }).replaceWithVoid();
    }

    /** Why an indicator is judged again: the cause of a status change, and the period reported, if any. */
    private record Trigger(StatusChanged.Cause cause, String changedPeriod) {

        static Trigger of(DueRepository.Due d) {
            return new Trigger(StatusChanged.Cause.valueOf(d.cause()), d.changedPeriod());
        }

        DueRepository.Due due(String indicatorId) {
            return new DueRepository.Due(HomePartitions.of(indicatorId), indicatorId, cause.name(), changedPeriod);
        }
    }

    /**
     * Judges the indicators of the partitions this transaction holds; leaves the others due; leaves
     * due the roll-ups of these plans and of those where a status changed.
     *
     * @return whether it left any indicator due
     */
    private Uni<Boolean> judgeHere(SqlClient c, Map<String, Trigger> all, Set<Integer> held, Set<String> plans) {
        Map<String, Trigger> here = new LinkedHashMap<>();
        List<DueRepository.Due> elsewhere = new ArrayList<>();
        all.forEach((id, trigger) -> {
            if (held.contains(HomePartitions.of(id))) {
                here.put(id, trigger);
            } else {
                elsewhere.add(trigger.due(id));
            }
        });
        return recompute(c, here).flatMap(changed -> {
            plans.addAll(changed);
            plans.remove(null);
            return due.add(c, elsewhere).chain(() -> due.addPlans(c, plans)).replaceWith(!elsewhere.isEmpty());
        });
    }

    /**
     * Stores the inputs: the definitions one by one in their order, then all reports with one
     * statement, then all review decisions (each follows its report, in this batch or an earlier
     * one) with another; notes the indicators to judge again (a revision received, official on
     * receipt or submitted, and one approved) and the plans whose roll-ups to refresh.
     */
    private Uni<Void> store(SqlClient c, List<Input> inputs, Map<String, Trigger> touched, Set<String> plans) {
        Uni<Void> chain = done();
        List<ReportAccepted> reports = new ArrayList<>();
        List<ReportReviewed> decisions = new ArrayList<>();
        for (Input input : inputs) {
            if (input instanceof Input.Report r) {
                reports.add(r.report());
            } else if (input instanceof Input.Review r) {
                decisions.add(r.decision());
            } else {
                chain = chain.chain(() -> storeDefinition(c, input, touched, plans));
            }
        }
        return chain.chain(() -> revisions.addAll(c, reports)).invoke(added -> {
            for (ReportAccepted report : reports) {
                // official on receipt, its progress may change; submitted, its submitted basis (§6) does
                if (added.contains(RevisionRepository.Key.of(report))) {
                    touched.put(report.indicatorId(), official(report.period(), report.revision()));
                }
            }
        }).chain(() -> revisions.review(c, decisions)).invoke(decided -> {
            for (ReportReviewed decision : decisions) {
                if (decision.decision() == ReviewState.APPROVED && decided.contains(RevisionRepository.Key.of(decision))) {
                    touched.put(decision.indicatorId(), official(decision.period(), decision.revision()));
                }
            }
        }).replaceWithVoid();
    }

    /**
     * Why an indicator is judged again when a revision of this period became official: its first
     * report, or a revision (a withdrawal is never a period's first revision).
     */
    private static Trigger official(String period, int revision) {
        return new Trigger(revision == 1 ? StatusChanged.Cause.REPORT : StatusChanged.Cause.REVISION, period);
    }

    private Uni<Void> storeDefinition(SqlClient c, Input input, Map<String, Trigger> touched, Set<String> plans) {
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

    /**
     * Judges every indicator again as time passes (reports fall due, milestones pass their dates),
     * when a date has changed since the last round: time enters a judgement only as the date in the
     * plan's time zone (PropertiesTest), so a round on the same dates would change nothing. Leaves
     * every live indicator due in its home partition, then judges every partition's due ones. This
     * instance's first round judges everything (a date may have changed while it was down).
     */
    public Uni<Void> clockRound() {
        return rebuild.phase().flatMap(phase -> phase == Rebuild.Phase.STORING ? done() // its settling judges everything
                : pool.withTransaction(c -> definitions.timeZones(c).flatMap(zones -> {
                    Map<String, LocalDate> today = dates(zones, clock.instant());
                    if (today.equals(roundDates)) {
                        return Uni.createFrom().item(false);
                    }
                    return definitions.liveIndicators(c).flatMap(indicators -> dueEverywhere(c, indicators))
                            .invoke(() -> roundDates = today).replaceWith(true);
                })).flatMap(due -> due ? judgeDue(true) : done()));
    }

    /** The date now in each of these time zones and in the default one. */
    private static Map<String, LocalDate> dates(Set<String> zones, Instant now) {
        Map<String, LocalDate> dates = new HashMap<>();
        for (String zone : zones) {
            dates.put(zone, LocalDate.ofInstant(now, ZoneId.of(zone)));
        }
        dates.put(Plan.DEFAULT_TIME_ZONE, LocalDate.ofInstant(now, ZoneId.of(Plan.DEFAULT_TIME_ZONE)));
        return dates;
    }

    /** Leaves every one of these indicators due in its home partition, the clock as the cause. */
    private Uni<Void> dueEverywhere(SqlClient c, List<DefinitionRepository.LiveIndicator> indicators) {
        Trigger clockTrigger = new Trigger(StatusChanged.Cause.CLOCK, null);
        return due.add(c, indicators.stream().map(i -> clockTrigger.due(i.indicatorId())).toList());
    }

    /**
     * Judges the indicators due in every partition, a slice per transaction, holding the partition's
     * lock: waiting for it ({@code wait}: every partition with any due); or else only where they have
     * waited longer than {@link #OWNER_TAKES} (their owner is idle), leaving a partition whose lock is
     * held to its holder, which takes its due indicators with its next batch.
     */
    public Uni<Void> judgeDue(boolean wait) {
        return pool.withConnection(c -> due.partitionsDue(c, wait ? Duration.ZERO : OWNER_TAKES)).flatMap(partitions -> {
            Uni<Void> chain = done();
            for (int partition : partitions) {
                chain = chain.chain(() -> judgeDue(partition, wait));
            }
            return chain;
        });
    }

    private Uni<Void> judgeDue(int partition, boolean wait) {
        Set<Integer> held = Set.of(partition);
        return pool.withTransaction(c -> (wait ? due.lockPartitions(c, held).replaceWith(true)
                        : due.tryLockPartition(c, partition))
                        .flatMap(locked -> !locked ? Uni.createFrom().item(0) : due.take(c, held, DUE_SLICE)
                                .flatMap(taken -> {
                                    Map<String, Trigger> all = new LinkedHashMap<>();
                                    taken.forEach(d -> all.putIfAbsent(d.indicatorId(), Trigger.of(d)));
                                    return judgeHere(c, all, held, new LinkedHashSet<>()).replaceWith(taken.size());
                                })))
                .flatMap(judged -> judged == DUE_SLICE ? judgeDue(partition, wait) : done());
    }

    /**
     * Ends a rebuild once its groups have committed up to where the topics ended when it began:
     * takes what this service's topics hold as its current progress and roll-ups, goes live, and
     * judges every indicator and every plan once, publishing only what differs from what subscribers
     * hold. A settling that failed after the takeover (the instance is live, not settled) goes on
     * from the judging at the next call. Nothing to do otherwise.
     */
    public Uni<Void> settle() {
        return rebuild.phase().flatMap(phase -> rebuild.isSettled() ? Uni.createFrom().item(false)
                        : phase == Rebuild.Phase.LIVE ? Uni.createFrom().item(true) // taken over before
                        : Uni.createFrom().item(() -> {
                            try {
                                return rebuild.readyToSettle();
                            } catch (Exception e) {
                                Log.debugf("rebuild: the groups' offsets could not be read (%s); trying again",
                                        e.getMessage());
                                return false;
                            }
                        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .flatMap(ready -> ready ? rebuild.seed().replaceWith(true) : Uni.createFrom().item(false)))
                .flatMap(taken -> !taken ? done() : pool.withTransaction(c -> definitions.liveIndicators(c)
                                .flatMap(indicators -> {
                                    Set<String> plans = new LinkedHashSet<>();
                                    indicators.forEach(i -> Optional.ofNullable(i.planId()).ifPresent(plans::add));
                                    return dueEverywhere(c, indicators).chain(() -> due.addPlans(c, plans));
                                }))
                        .chain(() -> judgeDue(true))
                        .chain(this::refreshRollups)
                        .chain(rebuild::settled)
                        .invoke(() -> Log.info("rebuild: settled; publishing as usual")));
    }

    /**
     * Computes the roll-ups of every plan left due since the last time, each plan once however many
     * of its statuses changed, and stores and publishes those that changed.
     */
    public Uni<Void> refreshRollups() {
        return pool.withTransaction(c -> due.takePlans(c).flatMap(plans -> rollups.refresh(c, plans, clock.instant())));
    }

    /** The touched indicators and those that read them as benchmark or subject, each once. */
    private Uni<Map<String, Trigger>> withDependents(SqlClient c, Map<String, Trigger> touched) {
        return definitions.dependents(c, touched.keySet()).map(dependents -> {
            Map<String, Trigger> all = new LinkedHashMap<>(touched);
            for (DefinitionRepository.Dependent d : dependents) {
                Trigger cause = touched.containsKey(d.benchmark()) ? touched.get(d.benchmark()) : touched.get(d.subject());
                all.putIfAbsent(d.indicatorId(), cause);
            }
            return all;
        });
    }

    /**
     * Computes these indicators' progress now; of each that differs from the stored one (version,
     * as-of and computation instants aside), stores the next version and writes its events. Runs
     * in a transaction that holds these indicators' home partitions.
     *
     * @return the plans whose roll-ups may have changed: those where a status changed or appeared
     */
    private Uni<Set<String>> recompute(SqlClient c, Map<String, Trigger> triggers) {
        if (triggers.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Instant now = clock.instant();
        Set<String> ids = triggers.keySet();
        return definitions.indicators(c, ids).flatMap(stored -> progress.last(c, ids).flatMap(current -> {
            List<StoredIndicator> live = stored.values().stream().filter(s -> !s.deleted()).toList();
            return computeAll(c, live, null).flatMap(computed -> {
                Changes changes = new Changes(now);
                for (Map.Entry<String, Trigger> e : triggers.entrySet()) {
                    metrics.recomputed();
                    StoredIndicator definition = stored.get(e.getKey());
                    ProgressRepository.Last before = current.get(e.getKey());
                    if (definition == null || definition.deleted()) {
                        if (before != null) {
                            changes.removed(before);
                        }
                    } else {
                        changes.compared(definition, computed.get(e.getKey()), before, e.getValue());
                    }
                }
                return judgeSubmitted(c, stored, triggers.keySet(), changes)
                        .chain(() -> progress.saveAll(c, changes.versions, now))
                        .chain(() -> progress.removeAll(c, changes.removed))
                        .chain(() -> changes.alerts(c))
                        .chain(alerts -> outbox.add(c, concat(changes.events, alerts)))
                        .replaceWith(changes.plans);
            });
        }));
    }

    /**
     * Judges the submitted basis (DESIGN §6) of these indicators, just judged on the official one:
     * where a value of one (or of its benchmark or subject) is not official and the document it
     * makes is not the official one, publishes that document on its own topic when it changed;
     * where it differed before and no longer does (or the indicator is gone), a tombstone. Plans
     * without review have no value that is not official: two reads and nothing else.
     */
    private Uni<Void> judgeSubmitted(SqlClient c, Map<String, StoredIndicator> stored, Set<String> judged,
                                     Changes changes) {
        List<StoredIndicator> live = judged.stream().map(stored::get).filter(s -> s != null && !s.deleted()).toList();
        Set<String> read = new LinkedHashSet<>();
        live.forEach(s -> read.addAll(inputsOf(s.definition())));
        // the two reads go out together, pipelined
        return Uni.combine().all().unis(submitted.last(c, judged), revisions.withUnofficial(c, read))
                .withUni((last, unofficial) -> {
                    List<StoredIndicator> differing = live.stream()
                            .filter(s -> inputsOf(s.definition()).stream().anyMatch(unofficial::contains)).toList();
                    if (differing.isEmpty()
                            && last.values().stream().noneMatch(SubmittedProgressRepository.Last::differs)) {
                        return done();
                    }
                    return computeAll(c, differing, null, ids -> revisions.latestReceived(c, ids))
                            .flatMap(computed -> submitted.saveAll(c, publishSubmitted(judged, stored, last, computed,
                                    changes), changes.now, false));
                });
    }

    /**
     * Adds to the changes the submitted basis's records of these indicators: a document where it
     * differs from the official one and from what was published last, a tombstone where it differed
     * and no longer does; answers what it wrote.
     */
    private List<SubmittedProgressRepository.Written> publishSubmitted(
            Set<String> judged, Map<String, StoredIndicator> stored, Map<String, SubmittedProgressRepository.Last> last,
            Map<String, Progress> computed, Changes changes) {
        List<SubmittedProgressRepository.Written> written = new ArrayList<>();
        for (String id : judged) {
            SubmittedProgressRepository.Last before = last.get(id);
            int version = before == null ? 1 : before.version() + 1;
            Progress progress = computed.get(id);
            if (progress != null) {
                ProgressUpdated document = ProgressDocuments.of(progress, stored.get(id), version, changes.now);
                String hash = ProgressDocuments.contentHash(document, json);
                if (!hash.equals(changes.hashes.get(id))) {
                    if (before == null || !hash.equals(before.contentHash())) {
                        changes.events.add(new OutboxRow(Topics.INDICATOR_PROGRESS_SUBMITTED, id,
                                EventTypes.PROGRESS_UPDATED, UUID.randomUUID(), id, changes.now, version,
                                json.write(document)));
                        written.add(new SubmittedProgressRepository.Written(id, version, hash));
                    }
                    continue;
                }
            }
            if (before != null && before.differs()) {
                boolean gone = !changes.hashes.containsKey(id);
                changes.events.add(new OutboxRow(Topics.INDICATOR_PROGRESS_SUBMITTED, id,
                        gone ? EventTypes.PROGRESS_REMOVED : EventTypes.PROGRESS_RECONCILED, UUID.randomUUID(), id,
                        changes.now, version, null));
                written.add(new SubmittedProgressRepository.Written(id, version, null));
            }
        }
        return written;
    }

    /** The indicators whose values an indicator's progress reads: its own, its benchmark's, its subject's. */
    private static Set<String> inputsOf(Indicator indicator) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(indicator.id());
        Optional.ofNullable(indicator.benchmark()).ifPresent(ids::add);
        Optional.ofNullable(indicator.subject()).ifPresent(ids::add);
        return ids;
    }

    /**
     * The progress of these stored indicators at {@code asOf} from the revisions and plans known
     * then, or (asOf null) now from everything official, by indicator.
     */
    Uni<Map<String, Progress>> computeAll(SqlClient c, Collection<StoredIndicator> indicators, Instant asOf) {
        return computeAll(c, indicators, asOf, ids -> revisions.latest(c, ids, asOf));
    }

    /**
     * The progress of these stored indicators on the submitted basis (DESIGN §6) at {@code asOf}
     * (null: now): from each period's latest revision received by then, official or not.
     */
    public Uni<Map<String, Progress>> computeSubmitted(SqlClient c, Collection<StoredIndicator> indicators, Instant asOf) {
        return computeAll(c, indicators, asOf, ids -> revisions.latestReceived(c, ids, asOf));
    }

    /**
     * The progress of this indicator now were this revision of one of its periods official too
     * (all else as official now): what approving it would make of the indicator.
     */
    public Uni<Progress> ifOfficial(SqlClient c, StoredIndicator indicator, Revision pending) {
        return computeAll(c, List.of(indicator), null, ids -> revisions.latest(c, ids, null).map(byId -> {
            Map<String, List<Revision>> with = new HashMap<>(byId);
            List<Revision> own = new ArrayList<>(with.getOrDefault(indicator.indicatorId(), List.of()));
            own.removeIf(r -> r.period().equals(pending.period()));
            own.add(pending);
            with.put(indicator.indicatorId(), own);
            return with;
        })).map(computed -> computed.get(indicator.indicatorId()));
    }

    /**
     * The progress of these stored indicators, by indicator, from the revisions {@code load} reads
     * of the indicators they read, and the plans known at {@code asOf} (null: now).
     */
    private Uni<Map<String, Progress>> computeAll(SqlClient c, Collection<StoredIndicator> indicators, Instant asOf,
                                                  Function<Set<String>, Uni<Map<String, List<Revision>>>> load) {
        if (indicators.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> read = new LinkedHashSet<>();
        Set<String> planIds = new LinkedHashSet<>();
        for (StoredIndicator stored : indicators) {
            read.addAll(inputsOf(stored.definition()));
            Optional.ofNullable(stored.planId()).ifPresent(planIds::add);
        }
        return load.apply(read).flatMap(byId -> definitions.plans(c, planIds, asOf).map(plans -> {
            Instant at = asOf != null ? asOf : latestOf(byId, clock.instant());
            Map<String, Progress> out = new HashMap<>();
            for (StoredIndicator stored : indicators) {
                Indicator indicator = stored.definition();
                Optional<PlanDefined> plan = Optional.ofNullable(stored.planId()).map(plans::get);
                String zone = plan.map(PlanDefined::timeZone).orElse(stored.timeZone());
                out.put(stored.indicatorId(), ProgressCalculator.compute(new ProgressInput(indicator,
                        revisionsOf(byId, indicator.id()), revisionsOf(byId, indicator.benchmark()),
                        revisionsOf(byId, indicator.subject()), plan.map(PlanDefined::window).orElse(null),
                        ZoneId.of(zone == null ? Plan.DEFAULT_TIME_ZONE : zone), at)));
            }
            return out;
        }));
    }

    /**
     * Now, or the latest instant one of these revisions became known when the clock of the service
     * that received or approved it ran ahead of this one's: "now" always includes every revision.
     */
    private static Instant latestOf(Map<String, List<Revision>> byId, Instant now) {
        Instant latest = now;
        for (List<Revision> revisions : byId.values()) {
            for (Revision r : revisions) {
                if (r.knownAt().isAfter(latest)) {
                    latest = r.knownAt();
                }
            }
        }
        return latest;
    }

    private static List<Revision> revisionsOf(Map<String, List<Revision>> byId, String id) {
        return id == null ? List.of() : byId.getOrDefault(id, List.of());
    }

    /** What one recomputation changes: the new progress versions, the removals, their events and plans. */
    private final class Changes {

        final Instant now;
        final List<ProgressRepository.NewVersion> versions = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final List<OutboxRow> events = new ArrayList<>();
        /** The status changes, written as alerts once their indicators' explanations are read ({@link #alerts}). */
        final List<StatusChanged> statusChanges = new ArrayList<>();
        final Set<String> plans = new LinkedHashSet<>();
        /** The content hash of each live indicator's document just computed, changed or not. */
        final Map<String, String> hashes = new HashMap<>();

        Changes(Instant now) {
            this.now = now;
        }

        void compared(StoredIndicator stored, Progress computed, ProgressRepository.Last current, Trigger trigger) {
            ProgressRepository.Last before = known(current);
            int version = before == null ? 1 : before.version() + 1;
            ProgressUpdated document = ProgressDocuments.of(computed, stored, version, now);
            String hash = ProgressDocuments.contentHash(document, json);
            hashes.put(document.indicatorId(), hash);
            if (before != null && before.contentHash().equals(hash)) {
                return;
            }
            metrics.changed();
            StatusChanged.Cause cause = trigger.cause();
            StatusChanged.Cause why = cause == StatusChanged.Cause.CLOCK && document.late()
                    && (before == null || !Boolean.TRUE.equals(before.late())) ? StatusChanged.Cause.LATE : cause;
            String written = json.write(document);
            events.add(new OutboxRow(Topics.INDICATOR_PROGRESS, document.indicatorId(), EventTypes.PROGRESS_UPDATED,
                    UUID.randomUUID(), document.indicatorId(), now, version, written));
            boolean statusChanged = before == null || !before.status().equals(document.status());
            if (before != null && statusChanged) {
                statusChanges.add(new StatusChanged(document.indicatorId(), document.period(), trigger.changedPeriod(),
                        before.status(), document.status(), why, version, null));
                Log.debugf("%s: %s → %s (%s)", document.indicatorId(), before.status(), document.status(), why);
            }
            versions.add(new ProgressRepository.NewVersion(document.indicatorId(), stored.planId(), version,
                    document.status(), why.name(), written, document.late(), hash));
            if (statusChanged && stored.planId() != null) {
                plans.add(stored.planId());
            }
        }

        /** The last judgement with its content hash and lateness, read from its document where it has none stored. */
        private ProgressRepository.Last known(ProgressRepository.Last current) {
            if (current == null || current.contentHash() != null) {
                return current;
            }
            ProgressUpdated document = json.read(current.document(), ProgressUpdated.class);
            return new ProgressRepository.Last(current.indicatorId(), current.planId(), current.version(),
                    current.status(), document.late(), ProgressDocuments.contentHash(document, json), null);
        }

        /** The alerts of the status changes, each with its indicator's latest explanation, if any. */
        Uni<List<OutboxRow>> alerts(SqlClient c) {
            if (statusChanges.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
            return explanations.latestOf(c, statusChanges.stream().map(StatusChanged::indicatorId).toList(), null)
                    .map(latest -> statusChanges.stream().map(a -> {
                        ExplanationRepository.StoredExplanation e = latest.get(a.indicatorId());
                        StatusChanged alert = e == null ? a : new StatusChanged(a.indicatorId(), a.period(),
                                a.changedPeriod(), a.from(), a.to(), a.cause(), a.version(), new StatusChanged.Explanation(
                                        e.round(), e.revision(), e.cause(), e.measures(), e.expectedRecovery(), e.lang()));
                        return new OutboxRow(Topics.PROGRESS_ALERTS, a.indicatorId(), EventTypes.STATUS_CHANGED,
                                UUID.randomUUID(), a.indicatorId(), now, a.version(), json.write(alert));
                    }).toList());
        }

        void removed(ProgressRepository.Last current) {
            removed.add(current.indicatorId());
            events.add(new OutboxRow(Topics.INDICATOR_PROGRESS, current.indicatorId(), EventTypes.PROGRESS_REMOVED,
                    UUID.randomUUID(), current.indicatorId(), now, current.version() + 1, null));
            if (current.planId() != null) {
                plans.add(current.planId());
            }
        }
    }

    private static List<OutboxRow> concat(List<OutboxRow> a, List<OutboxRow> b) {
        List<OutboxRow> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }
}
