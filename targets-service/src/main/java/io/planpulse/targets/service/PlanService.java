package io.planpulse.targets.service;

import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Plan;
import io.planpulse.platform.error.NotFoundException;
import io.planpulse.platform.outbox.OutboxRow;
import io.planpulse.targets.domain.ExistingIndicator;
import io.planpulse.targets.domain.PlanDocument;
import io.planpulse.targets.domain.PlanReader;
import io.planpulse.targets.domain.PlanValidation;
import io.planpulse.targets.repository.ChangeKind;
import io.planpulse.targets.repository.IndicatorEntity;
import io.planpulse.targets.repository.IndicatorRepository;
import io.planpulse.targets.repository.IndicatorVersionEntity;
import io.planpulse.targets.repository.IndicatorVersionRepository;
import io.planpulse.targets.repository.OutboxRepository;
import io.planpulse.targets.repository.PlanEntity;
import io.planpulse.targets.repository.PlanRepository;
import io.planpulse.targets.repository.PlanVersionEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The use cases of plans: replace one from a document, delete one, read them back. Every change
 * is a new version with who, when and why, and its events go to the outbox in the same transaction.
 */
@ApplicationScoped
public class PlanService {

    private static final String PATH_SEPARATOR = "/";

    private final PlanRepository plans;
    private final IndicatorRepository indicators;
    private final IndicatorVersionRepository indicatorVersions;
    private final PlanEvents events;
    private final OutboxRepository outbox;
    private final DocumentCodec codec;
    private final Clock clock;

    public PlanService(PlanRepository plans, IndicatorRepository indicators, IndicatorVersionRepository indicatorVersions,
                       PlanEvents events, OutboxRepository outbox, DocumentCodec codec, Clock clock) {
        this.plans = plans;
        this.indicators = indicators;
        this.indicatorVersions = indicatorVersions;
        this.events = events;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Creates or replaces a plan from a parsed document. Nothing is stored when the document has
     * any problem; a document equal to the stored plan changes nothing and publishes nothing.
     *
     * @param ifMatch the request's If-Match header, or null
     */
    @WithTransaction
    public Uni<PlanChange> replace(String planId, Object document, String ifMatch, String actor, String reason) {
        return replaceInTransaction(planId, document, ifMatch, new ChangeContext(actor, reason, clock.instant()));
    }

    /** Loads a plan when the store has never held one (the shipped plan on a fresh database). */
    @WithTransaction
    public Uni<Optional<PlanChange>> loadIfEmpty(String planId, Object document, String actor) {
        return plans.count().flatMap(count -> count > 0
                ? Uni.createFrom().item(Optional.<PlanChange>empty())
                : replaceInTransaction(planId, document, null, new ChangeContext(actor, "the shipped plan", clock.instant()))
                        .map(Optional::of));
    }

    /** Deletes a plan and its indicators; both stay in the history, and tombstones are published. */
    @WithTransaction
    public Uni<Void> delete(String planId, String ifMatch, String actor, String reason) {
        ChangeContext ctx = new ChangeContext(actor, reason, clock.instant());
        return plans.findForUpdate(planId).flatMap(plan -> {
            if (plan == null || !plan.isLive()) {
                throw new NotFoundException("there is no plan " + planId);
            }
            checkPrecondition(planId, plan, ifMatch);
            return indicators.findLiveByPlan(planId).flatMap(rows -> {
                Writes writes = new Writes();
                for (IndicatorEntity row : rows) {
                    markDeleted(row, ctx, writes);
                }
                plan.version = plan.version + 1;
                plan.deletedAt = ctx.at();
                plan.updatedAt = ctx.at();
                plan.updatedBy = ctx.actor();
                writes.entities().add(planVersion(plan, ChangeKind.DELETED, null, ctx));
                writes.events().add(events.planDeleted(planId, plan.version, ctx.at()));
                Log.infof("plan %s deleted (version %d) by %s", planId, plan.version, ctx.actor());
                return write(writes);
            });
        });
    }

    @WithSession
    public Uni<PlanSnapshot> get(String planId) {
        return plans.findById(planId).flatMap(plan -> {
            if (plan == null || !plan.isLive()) {
                throw new NotFoundException("there is no plan " + planId);
            }
            return indicators.findLiveByPlan(planId).map(rows -> snapshot(plan, rows));
        });
    }

    @WithSession
    public Uni<List<PlanSummary>> list() {
        return plans.listLive().map(all -> all.stream().map(this::summary).toList());
    }

    @WithSession
    public Uni<IndicatorSnapshot> indicator(String indicatorId) {
        return indicators.findById(indicatorId).map(row -> {
            if (row == null || !row.isLive()) {
                throw new NotFoundException("there is no indicator " + indicatorId);
            }
            return new IndicatorSnapshot(row.planId, nodePath(row.nodePath), codec.readStored(row.definition),
                    new IndicatorMeta(row.version, row.updatedAt));
        });
    }

    /** Every version of an indicator, newest first, deleted ones included. */
    @WithSession
    public Uni<List<HistoryEntry>> indicatorHistory(String indicatorId) {
        return indicatorVersions.history(indicatorId).map(versions -> {
            if (versions.isEmpty()) {
                throw new NotFoundException("there is no indicator " + indicatorId);
            }
            return versions.stream().map(v -> new HistoryEntry(v.version, v.change.name(), v.planId, nodePath(v.nodePath),
                    v.definition == null ? null : codec.readStored(v.definition), v.changedAt, v.changedBy, v.reason)).toList();
        });
    }

    private Uni<PlanChange> replaceInTransaction(String planId, Object document, String ifMatch, ChangeContext ctx) {
        return plans.findForUpdate(planId).flatMap(current -> {
            checkPrecondition(planId, current, ifMatch);
            return indicators.findForReplace(planId, PlanReader.indicatorIds(document)).flatMap(rows -> {
                Map<String, IndicatorEntity> byId = new HashMap<>();
                rows.forEach(row -> byId.put(row.id, row));
                PlanValidation validation = PlanReader.read(document, planId,
                        id -> Optional.ofNullable(byId.get(id)).map(PlanService::existing));
                if (validation instanceof PlanValidation.Invalid invalid) {
                    throw new PlanInvalidException(invalid.violations());
                }
                return store(current, ((PlanValidation.Valid) validation).plan(), byId, ctx);
            });
        });
    }

    private static void checkPrecondition(String planId, PlanEntity current, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String currentEtag = current == null || !current.isLive() ? null : Etags.of(planId, current.version);
        if (!Etags.matches(ifMatch, currentEtag)) {
            throw new PreconditionFailedException(currentEtag == null
                    ? "plan " + planId + " does not exist, so If-Match cannot match"
                    : "plan " + planId + " has changed: its entity tag is now " + currentEtag);
        }
    }

    private static ExistingIndicator existing(IndicatorEntity row) {
        return new ExistingIndicator(row.id, row.planId, IndicatorKind.valueOf(row.kind), Grain.valueOf(row.frequency),
                row.isLive());
    }

    private Uni<PlanChange> store(PlanEntity current, Plan plan, Map<String, IndicatorEntity> rows, ChangeContext ctx) {
        String canonical = codec.toJson(PlanDocument.of(plan));
        List<IndicatorEntity> live = rows.values().stream()
                .filter(row -> row.isLive() && row.planId.equals(plan.id())).toList();
        if (current != null && current.isLive() && canonical.equals(current.document)) {
            return Uni.createFrom().item(new PlanChange(ReplaceOutcome.UNCHANGED, snapshot(current, live)));
        }
        boolean creating = current == null || !current.isLive();
        PlanEntity entity = current == null ? new PlanEntity() : current;
        Writes writes = new Writes();
        if (current == null) {
            entity.id = plan.id();
            entity.createdAt = ctx.at();
            writes.entities().add(entity);
        }
        entity.name = plan.name();
        entity.document = canonical;
        entity.version = entity.version + 1;
        entity.updatedAt = ctx.at();
        entity.updatedBy = ctx.actor();
        entity.deletedAt = null;
        writes.entities().add(planVersion(entity, creating ? ChangeKind.CREATED : ChangeKind.CHANGED, canonical, ctx));
        writes.events().add(events.planDefined(plan, entity.version, ctx.at()));

        List<IndicatorEntity> after = storeIndicators(plan, rows, ctx, writes);
        ReplaceOutcome outcome = creating ? ReplaceOutcome.CREATED : ReplaceOutcome.REPLACED;
        return write(writes).map(v -> {
            Log.infof("plan %s %s to version %d by %s", plan.id(), outcome.name().toLowerCase(Locale.ROOT),
                    entity.version, ctx.actor());
            return new PlanChange(outcome, snapshot(entity, after));
        });
    }

    /**
     * Brings the indicator rows in line with the plan: a new, re-defined, changed or moved indicator
     * gets a new version and an event; one the plan no longer has is marked deleted with a tombstone.
     *
     * @return the plan's indicator rows afterwards
     */
    private List<IndicatorEntity> storeIndicators(Plan plan, Map<String, IndicatorEntity> rows, ChangeContext ctx,
                                                  Writes writes) {
        Map<String, List<String>> paths = plan.nodePaths();
        Map<String, IndicatorEntity> remaining = new HashMap<>();
        rows.values().stream().filter(row -> row.isLive() && row.planId.equals(plan.id()))
                .forEach(row -> remaining.put(row.id, row));
        List<IndicatorEntity> after = new ArrayList<>();
        for (Indicator indicator : plan.indicators()) {
            List<String> path = paths.getOrDefault(indicator.id(), List.of());
            String definition = codec.toJson(PlanDocument.indicator(indicator));
            String nodePath = String.join(PATH_SEPARATOR, path);
            remaining.remove(indicator.id());
            IndicatorEntity row = rows.get(indicator.id());
            ChangeKind change;
            if (row == null) {
                row = new IndicatorEntity();
                row.id = indicator.id();
                row.kind = indicator.kind().name();
                row.frequency = indicator.frequency().name();
                writes.entities().add(row);
                change = ChangeKind.CREATED;
            } else if (!row.isLive() || !row.planId.equals(plan.id())) {
                change = ChangeKind.CREATED;
            } else if (row.definition.equals(definition) && row.nodePath.equals(nodePath)) {
                after.add(row);
                continue;
            } else {
                change = ChangeKind.CHANGED;
            }
            row.planId = plan.id();
            row.definition = definition;
            row.nodePath = nodePath;
            row.version = row.version + 1;
            row.updatedAt = ctx.at();
            row.deletedAt = null;
            after.add(row);
            writes.entities().add(indicatorVersion(row, change, definition, ctx));
            writes.events().add(events.indicatorDefined(plan, indicator, path, row.version, ctx.at()));
        }
        remaining.values().stream().sorted(Comparator.comparing(row -> row.id))
                .forEach(row -> markDeleted(row, ctx, writes));
        return after;
    }

    private void markDeleted(IndicatorEntity row, ChangeContext ctx, Writes writes) {
        row.version = row.version + 1;
        row.updatedAt = ctx.at();
        row.deletedAt = ctx.at();
        writes.entities().add(indicatorVersion(row, ChangeKind.DELETED, null, ctx));
        writes.events().add(events.indicatorDeleted(row.id, row.version, ctx.at()));
    }

    private static IndicatorVersionEntity indicatorVersion(IndicatorEntity row, ChangeKind change, String definition,
                                                           ChangeContext ctx) {
        IndicatorVersionEntity v = new IndicatorVersionEntity();
        v.indicatorId = row.id;
        v.version = row.version;
        v.planId = row.planId;
        v.change = change;
        v.definition = definition;
        v.nodePath = row.nodePath;
        v.changedAt = ctx.at();
        v.changedBy = ctx.actor();
        v.reason = ctx.reason();
        return v;
    }

    private static PlanVersionEntity planVersion(PlanEntity plan, ChangeKind change, String document, ChangeContext ctx) {
        PlanVersionEntity v = new PlanVersionEntity();
        v.planId = plan.id;
        v.version = plan.version;
        v.change = change;
        v.document = document;
        v.changedAt = ctx.at();
        v.changedBy = ctx.actor();
        v.reason = ctx.reason();
        return v;
    }

    /** What a change writes: new rows (the plan before its indicators and versions) and its events, in order. */
    private record Writes(List<Object> entities, List<OutboxRow> events) {
        Writes() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    /** Inserts the new rows, then adds the events to the outbox, all in the session's transaction. */
    private Uni<Void> write(Writes writes) {
        return Panache.getSession().flatMap(session -> session.persistAll(writes.entities().toArray()))
                .chain(() -> outbox.add(writes.events()));
    }

    private PlanSnapshot snapshot(PlanEntity plan, List<IndicatorEntity> rows) {
        Map<String, IndicatorMeta> meta = new LinkedHashMap<>();
        rows.stream().sorted(Comparator.comparing(row -> row.id))
                .forEach(row -> meta.put(row.id, new IndicatorMeta(row.version, row.updatedAt)));
        return new PlanSnapshot(plan.id, codec.readStored(plan.document), plan.version, plan.updatedAt, plan.updatedBy, meta);
    }

    private PlanSummary summary(PlanEntity plan) {
        Map<String, Object> document = codec.readStored(plan.document);
        int indicatorCount = document.get("indicators") instanceof List<?> l ? l.size() : 0;
        return new PlanSummary(plan.id, plan.name, (String) document.get("nameEn"), document.get("window"),
                plan.version, Etags.of(plan.id, plan.version), plan.updatedAt, indicatorCount);
    }

    private static List<String> nodePath(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(PATH_SEPARATOR));
    }
}
