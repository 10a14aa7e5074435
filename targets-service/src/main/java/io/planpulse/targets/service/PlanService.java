package io.planpulse.targets.service;

import io.planpulse.targets.domain.ExistingIndicator;
import io.planpulse.targets.domain.Grain;
import io.planpulse.targets.domain.Indicator;
import io.planpulse.targets.domain.IndicatorKind;
import io.planpulse.targets.domain.Plan;
import io.planpulse.targets.domain.PlanDocument;
import io.planpulse.targets.domain.PlanReader;
import io.planpulse.targets.domain.PlanValidation;
import io.planpulse.targets.repository.IndicatorEntity;
import io.planpulse.targets.repository.IndicatorRepository;
import io.planpulse.targets.repository.PlanEntity;
import io.planpulse.targets.repository.PlanRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The use cases of plans: replace one from a document, read them back. */
@ApplicationScoped
public class PlanService {

    private static final String PATH_SEPARATOR = "/";

    private final PlanRepository plans;
    private final IndicatorRepository indicators;
    private final DocumentCodec codec;
    private final Clock clock;

    public PlanService(PlanRepository plans, IndicatorRepository indicators, DocumentCodec codec, Clock clock) {
        this.plans = plans;
        this.indicators = indicators;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Creates or replaces a plan from a parsed document. Nothing is stored when the document has
     * any problem; a document equal to the stored plan changes nothing.
     *
     * @param ifMatch the request's If-Match header, or null
     */
    @WithTransaction
    public Uni<PlanChange> replace(String planId, Object document, String ifMatch, String actor) {
        return replaceInTransaction(planId, document, ifMatch, actor);
    }

    /** Loads a plan when the store holds none at all (the shipped plan on a fresh database). */
    @WithTransaction
    public Uni<Optional<PlanChange>> loadIfEmpty(String planId, Object document, String actor) {
        return plans.count().flatMap(count -> count > 0
                ? Uni.createFrom().item(Optional.<PlanChange>empty())
                : replaceInTransaction(planId, document, null, actor).map(Optional::of));
    }

    @WithSession
    public Uni<PlanSnapshot> get(String planId) {
        return plans.findById(planId).flatMap(plan -> {
            if (plan == null) {
                throw new NotFoundException("there is no plan " + planId);
            }
            return indicators.findByPlan(planId).map(rows -> snapshot(plan, rows));
        });
    }

    @WithSession
    public Uni<List<PlanSummary>> list() {
        return plans.listAllById().map(all -> all.stream().map(this::summary).toList());
    }

    @WithSession
    public Uni<IndicatorSnapshot> indicator(String indicatorId) {
        return indicators.findById(indicatorId).map(row -> {
            if (row == null) {
                throw new NotFoundException("there is no indicator " + indicatorId);
            }
            return new IndicatorSnapshot(row.planId, nodePath(row.nodePath), codec.readStored(row.definition),
                    new IndicatorMeta(row.version, row.updatedAt));
        });
    }

    private Uni<PlanChange> replaceInTransaction(String planId, Object document, String ifMatch, String actor) {
        return plans.findForUpdate(planId).flatMap(current -> {
            checkPrecondition(planId, current, ifMatch);
            return indicators.findByIds(PlanReader.indicatorIds(document)).flatMap(known -> {
                Map<String, ExistingIndicator> existing = known.stream()
                        .collect(Collectors.toMap(row -> row.id, PlanService::existing));
                PlanValidation validation = PlanReader.read(document, planId, id -> Optional.ofNullable(existing.get(id)));
                if (validation instanceof PlanValidation.Invalid invalid) {
                    throw new PlanInvalidException(invalid.violations());
                }
                return store(current, ((PlanValidation.Valid) validation).plan(), actor);
            });
        });
    }

    private static void checkPrecondition(String planId, PlanEntity current, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String currentEtag = current == null ? null : Etags.of(planId, current.version);
        if (!Etags.matches(ifMatch, currentEtag)) {
            throw new PreconditionFailedException(current == null
                    ? "plan " + planId + " does not exist, so If-Match cannot match"
                    : "plan " + planId + " has changed: its entity tag is now " + currentEtag);
        }
    }

    private static ExistingIndicator existing(IndicatorEntity row) {
        return new ExistingIndicator(row.id, row.planId, IndicatorKind.valueOf(row.kind), Grain.valueOf(row.frequency));
    }

    private Uni<PlanChange> store(PlanEntity current, Plan plan, String actor) {
        String canonical = codec.toJson(PlanDocument.of(plan));
        if (current != null && canonical.equals(current.document)) {
            return indicators.findByPlan(plan.id())
                    .map(rows -> new PlanChange(ReplaceOutcome.UNCHANGED, snapshot(current, rows)));
        }
        Instant now = clock.instant();
        PlanEntity entity = current == null ? new PlanEntity() : current;
        ReplaceOutcome outcome = current == null ? ReplaceOutcome.CREATED : ReplaceOutcome.REPLACED;
        if (current == null) {
            entity.id = plan.id();
            entity.createdAt = now;
        }
        entity.name = plan.name();
        entity.document = canonical;
        entity.version = entity.version + 1;
        entity.updatedAt = now;
        entity.updatedBy = actor;
        Uni<PlanEntity> saved = current == null ? plans.persist(entity) : Uni.createFrom().item(entity);
        return saved
                .flatMap(p -> indicators.findByPlan(plan.id()))
                .flatMap(rows -> storeIndicators(plan, rows, now))
                .map(rows -> {
                    Log.infof("plan %s %s to version %d by %s", plan.id(), outcome.name().toLowerCase(Locale.ROOT),
                            entity.version, actor);
                    return new PlanChange(outcome, snapshot(entity, rows));
                });
    }

    /** Brings the indicator rows in line with the plan; a changed definition or place raises its version. */
    private Uni<List<IndicatorEntity>> storeIndicators(Plan plan, List<IndicatorEntity> rows, Instant now) {
        Map<String, IndicatorEntity> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id, row));
        Map<String, List<String>> paths = plan.nodePaths();
        List<IndicatorEntity> kept = new ArrayList<>();
        List<IndicatorEntity> added = new ArrayList<>();
        for (Indicator indicator : plan.indicators()) {
            String definition = codec.toJson(PlanDocument.indicator(indicator));
            String nodePath = String.join(PATH_SEPARATOR, paths.getOrDefault(indicator.id(), List.of()));
            IndicatorEntity row = byId.remove(indicator.id());
            if (row == null) {
                row = new IndicatorEntity();
                row.id = indicator.id();
                row.planId = plan.id();
                row.kind = indicator.kind().name();
                row.frequency = indicator.frequency().name();
                added.add(row);
            } else if (row.definition.equals(definition) && row.nodePath.equals(nodePath)) {
                kept.add(row);
                continue;
            } else {
                kept.add(row);
            }
            row.definition = definition;
            row.nodePath = nodePath;
            row.version = row.version + 1;
            row.updatedAt = now;
        }
        List<String> dropped = List.copyOf(byId.keySet());
        Uni<Long> removal = dropped.isEmpty()
                ? Uni.createFrom().item(0L)
                : indicators.delete("planId = ?1 and id in ?2", plan.id(), dropped);
        return removal
                .flatMap(n -> added.isEmpty() ? Uni.createFrom().voidItem() : indicators.persist(added))
                .map(v -> {
                    List<IndicatorEntity> all = new ArrayList<>(kept);
                    all.addAll(added);
                    return all;
                });
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
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(PATH_SEPARATOR));
    }
}
