package io.planpulse.reporting.progress;

import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.model.event.RollupUpdated;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.platform.error.NotFoundException;
import io.planpulse.reporting.domain.Status;
import io.planpulse.reporting.repository.DefinitionRepository;
import io.planpulse.reporting.repository.ProgressRepository;
import io.planpulse.reporting.repository.StoredIndicator;
import io.planpulse.reporting.repository.StoredProgress;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads progress back: now from the stored documents, or as of an instant by computing from the
 * definitions and revisions received by then.
 */
@ApplicationScoped
public class ProgressQueries {

    private final Pool pool;
    private final DefinitionRepository definitions;
    private final ProgressRepository progress;
    private final ProgressService service;
    private final Json json;
    private final Clock clock;

    public ProgressQueries(Pool pool, DefinitionRepository definitions, ProgressRepository progress,
                           ProgressService service, Json json, Clock clock) {
        this.pool = pool;
        this.definitions = definitions;
        this.progress = progress;
        this.service = service;
        this.json = json;
        this.clock = clock;
    }

    /** One indicator's progress, now or as of an instant. */
    public Uni<ProgressUpdated> indicator(String indicatorId, Instant asOf) {
        return pool.withConnection(c -> document(c, indicatorId, asOf));
    }

    /** Every version of an indicator's progress, newest first. */
    public Uni<List<ProgressUpdated>> history(String indicatorId) {
        return pool.withConnection(c -> progress.history(c, indicatorId)).map(versions -> {
            if (versions.isEmpty()) {
                throw new NotFoundException("there is no progress of indicator " + indicatorId);
            }
            return versions.stream().map(v -> json.read(v.document(), ProgressUpdated.class)).toList();
        });
    }

    /** A plan's tree with every indicator's progress and the roll-ups of every node and the plan. */
    public Uni<Map<String, Object>> plan(String planId, Instant asOf) {
        return planView(planId, asOf).map(this::tree);
    }

    /** A plan with every indicator's definition and progress and every roll-up, now or as of an instant. */
    public Uni<PlanView> planView(String planId, Instant asOf) {
        return planView(planId, asOf, false);
    }

    /**
     * As {@link #planView(String, Instant)}, on the submitted basis (DESIGN §6) where {@code submitted}:
     * every indicator computed from each period's latest revision received by then, official or not.
     */
    public Uni<PlanView> planView(String planId, Instant asOf, boolean submitted) {
        return pool.withConnection(c -> definitions.plan(c, planId, asOf).flatMap(plan -> {
            if (plan.isEmpty()) {
                throw new NotFoundException("there is no plan " + planId + (asOf == null ? "" : " as of " + asOf));
            }
            Uni<Map<String, PlanView.Entry>> entries = submitted
                    ? definitions.planIndicators(c, planId, asOf).flatMap(indicators -> submitted(c, indicators, asOf))
                    : planIndicators(c, planId, asOf);
            return entries.map(indicators -> new PlanView(plan.get(),
                    asOf == null ? clock.instant() : asOf, indicators,
                    PlanRollups.of(plan.get(), members(List.copyOf(indicators.values())))));
        }));
    }

    /** One department's indicators in a plan (those it owns or co-owns) and their roll-up. */
    public Uni<Map<String, Object>> department(String code, String planId, Instant asOf) {
        return pool.withConnection(c -> planIndicators(c, planId, asOf)).map(indicators -> {
            List<PlanView.Entry> owned = indicators.values().stream()
                    .filter(e -> e.stored().definition().owners().contains(code)).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dept", code);
            body.put("planId", planId);
            body.put("asOf", asOf(asOf));
            body.put("rollup", PlanRollups.view(PlanRollups.of(members(owned))));
            body.put("indicators", owned.stream().map(PlanView.Entry::document).toList());
            return body;
        });
    }

    private Uni<Map<String, PlanView.Entry>> planIndicators(SqlClient c, String planId, Instant asOf) {
        return definitions.planIndicators(c, planId, asOf).flatMap(indicators -> documents(c, indicators, asOf));
    }

    private Uni<ProgressUpdated> document(SqlClient c, String indicatorId, Instant asOf) {
        return definitions.indicator(c, indicatorId, asOf).flatMap(stored -> {
            if (stored.isEmpty() || stored.get().deleted()) {
                throw new NotFoundException("there is no indicator " + indicatorId + (asOf == null ? "" : " as of " + asOf));
            }
            return documents(c, List.of(stored.get()), asOf).map(documents -> documents.get(indicatorId).document());
        });
    }

    /**
     * These indicators with their progress documents, by indicator in their order: now the stored
     * ones (computed for an indicator that has none yet), as of an instant computed from what was
     * known then.
     */
    private Uni<Map<String, PlanView.Entry>> documents(SqlClient c, List<StoredIndicator> indicators, Instant asOf) {
        List<String> ids = indicators.stream().map(StoredIndicator::indicatorId).toList();
        Uni<Map<String, StoredProgress>> stored = asOf == null ? progress.current(c, ids) : Uni.createFrom().item(Map.of());
        return stored.flatMap(current -> {
            List<StoredIndicator> missing = indicators.stream().filter(i -> !current.containsKey(i.indicatorId())).toList();
            Instant at = asOf == null ? clock.instant() : asOf;
            return service.computeAll(c, missing, asOf).flatMap(computed -> progress.versionsAt(c,
                    missing.stream().map(StoredIndicator::indicatorId).toList(), at).map(versions -> {
                        Map<String, PlanView.Entry> out = new LinkedHashMap<>();
                        for (StoredIndicator i : indicators) {
                            StoredProgress kept = current.get(i.indicatorId());
                            out.put(i.indicatorId(), new PlanView.Entry(i, kept != null
                                    ? json.read(kept.document(), ProgressUpdated.class)
                                    : ProgressDocuments.of(computed.get(i.indicatorId()), i,
                                            versions.getOrDefault(i.indicatorId(), 0), clock.instant())));
                        }
                        return out;
                    }));
        });
    }

    /** These indicators with their progress on the submitted basis, computed (the stored documents are official). */
    private Uni<Map<String, PlanView.Entry>> submitted(SqlClient c, List<StoredIndicator> indicators, Instant asOf) {
        Instant at = asOf == null ? clock.instant() : asOf;
        return service.computeSubmitted(c, indicators, asOf).map(computed -> {
            Map<String, PlanView.Entry> out = new LinkedHashMap<>();
            for (StoredIndicator i : indicators) {
                out.put(i.indicatorId(), new PlanView.Entry(i, ProgressDocuments.of(computed.get(i.indicatorId()), i, 0, at)));
            }
            return out;
        });
    }

    /** A plan view as the answer of {@link #plan}: the tree with its roll-ups and every indicator's progress. */
    public Map<String, Object> tree(PlanView view) {
        PlanDefined plan = view.plan();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planId", plan.planId());
        body.put("name", plan.name());
        body.put("nameEn", plan.nameEn());
        body.put("asOf", view.asOf().toString());
        body.put("rollup", PlanRollups.view(view.rollups().get(RollupUpdated.planKey(plan.planId()))));
        body.put("nodes", nodes(plan.planId(), plan.nodes(), view.indicators(), view.rollups()));
        return body;
    }

    private List<Object> nodes(String planId, List<PlanNode> nodes, Map<String, PlanView.Entry> indicators,
                               Map<String, RollupUpdated> rollups) {
        List<Object> out = new ArrayList<>();
        for (PlanNode node : nodes) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", node.id());
            n.put("name", node.name());
            n.put("nameEn", node.nameEn());
            n.put("rollup", PlanRollups.view(rollups.get(RollupUpdated.nodeKey(planId, node.id()))));
            n.put("indicators", node.indicators().stream().filter(indicators::containsKey)
                    .map(id -> indicators.get(id).document()).toList());
            n.put("children", nodes(planId, node.children(), indicators, rollups));
            out.add(n);
        }
        return out;
    }

    private static Map<String, PlanRollups.Member> members(List<PlanView.Entry> entries) {
        Map<String, PlanRollups.Member> members = new LinkedHashMap<>();
        entries.forEach(e -> members.put(e.stored().indicatorId(), PlanRollups.Member.of(e.stored().definition(),
                Status.valueOf(e.document().status()))));
        return members;
    }

    private String asOf(Instant asOf) {
        return (asOf == null ? clock.instant() : asOf).toString();
    }
}
