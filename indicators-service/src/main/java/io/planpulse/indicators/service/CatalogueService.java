package io.planpulse.indicators.service;

import io.planpulse.indicators.repository.CatalogueRepository;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Keeps the catalogue in line with plan.targets.v1: each event applied once, never an older over a newer. */
@ApplicationScoped
public class CatalogueService {

    private final Pool pool;
    private final CatalogueRepository catalogue;
    private final Clock clock;

    public CatalogueService(Pool pool, CatalogueRepository catalogue, Clock clock) {
        this.pool = pool;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    public Uni<Void> indicatorDefined(IndicatorDefined event) {
        return pool.withTransaction(c -> catalogue.applyDefined(c, event, clock.instant()))
                .invoke(applied -> log(applied, "indicator", event.indicatorId(), event.version()))
                .replaceWithVoid();
    }

    public Uni<Void> indicatorDeleted(String indicatorId, int version) {
        return pool.withTransaction(c -> catalogue.applyDeleted(c, indicatorId, version, clock.instant()))
                .invoke(applied -> log(applied, "indicator deletion", indicatorId, version))
                .replaceWithVoid();
    }

    public Uni<Void> planDefined(PlanDefined event) {
        return pool.withTransaction(c -> catalogue.applyPlan(c, event, clock.instant()))
                .invoke(applied -> log(applied, "plan", event.planId(), event.version()))
                .replaceWithVoid();
    }

    public Uni<Void> planDeleted(String planId, int version) {
        return pool.withTransaction(c -> catalogue.applyPlanDeleted(c, planId, version, clock.instant()))
                .invoke(applied -> log(applied, "plan deletion", planId, version))
                .replaceWithVoid();
    }

    private static void log(boolean applied, String what, String id, int version) {
        if (applied) {
            Log.debugf("catalogue: applied %s %s v%d", what, id, version);
        } else {
            Log.debugf("catalogue: %s %s v%d is not newer than the stored one; ignored", what, id, version);
        }
    }
}
