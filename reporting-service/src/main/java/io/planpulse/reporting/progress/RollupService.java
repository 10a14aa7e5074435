package io.planpulse.reporting.progress;

import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.RollupUpdated;
import io.planpulse.model.event.Topics;
import io.planpulse.platform.outbox.OutboxRow;
import io.planpulse.platform.outbox.OutboxWriter;
import io.planpulse.reporting.domain.Status;
import io.planpulse.reporting.repository.DefinitionRepository;
import io.planpulse.reporting.repository.RollupRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Keeps a plan's roll-ups current: each one that changed gets its next version and an event. */
@ApplicationScoped
public class RollupService {

    private final DefinitionRepository definitions;
    private final RollupRepository rollups;
    private final OutboxWriter outbox;
    private final Json json;

    public RollupService(DefinitionRepository definitions, RollupRepository rollups, OutboxWriter outbox, Json json) {
        this.definitions = definitions;
        this.rollups = rollups;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Computes these plans' roll-ups from the current progress; stores and publishes those that
     * changed. Four statements, however many plans.
     */
    Uni<Void> refresh(SqlClient c, Set<String> planIds, Instant now) {
        if (planIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return definitions.plans(c, planIds, null).flatMap(plans -> rollups.members(c, plans.keySet())
                .flatMap(members -> rollups.ofPlans(c, plans.keySet()).flatMap(stored -> {
                    List<OutboxRow> events = new ArrayList<>();
                    List<RollupRepository.NewVersion> versions = new ArrayList<>();
                    for (PlanDefined plan : plans.values()) {
                        Map<String, RollupUpdated> computed = PlanRollups.of(plan,
                                members(members.getOrDefault(plan.planId(), List.of())));
                        for (RollupUpdated rollup : computed.values()) {
                            RollupRepository.StoredRollup before = stored.get(rollup.key());
                            if (before != null && json.read(before.document(), RollupUpdated.class).equals(rollup)) {
                                continue;
                            }
                            int version = before == null ? 1 : before.version() + 1;
                            RollupUpdated published = new RollupUpdated(rollup.key(), plan.planId(), rollup.scope(),
                                    rollup.id(), rollup.counts(), rollup.status(), rollup.bindingStatus(),
                                    rollup.onTrackShare(), version);
                            events.add(new OutboxRow(Topics.PLAN_ROLLUPS, rollup.key(), EventTypes.ROLLUP_UPDATED,
                                    UUID.randomUUID(), rollup.key(), now, version, json.write(published)));
                            versions.add(new RollupRepository.NewVersion(rollup.key(), plan.planId(), version,
                                    json.write(rollup)));
                        }
                    }
                    return rollups.saveAll(c, versions, now).chain(() -> outbox.add(c, events));
                })));
    }

    /** The plan's live indicators with their current status (NO_DATA while none is stored). */
    private static Map<String, PlanRollups.Member> members(List<RollupRepository.Member> stored) {
        Map<String, PlanRollups.Member> members = new LinkedHashMap<>();
        for (RollupRepository.Member m : stored) {
            members.put(m.indicatorId(), new PlanRollups.Member(m.weight() == null ? 1 : m.weight().doubleValue(),
                    m.binding(), m.owners(), m.status() == null ? Status.NO_DATA : Status.valueOf(m.status())));
        }
        return members;
    }
}
