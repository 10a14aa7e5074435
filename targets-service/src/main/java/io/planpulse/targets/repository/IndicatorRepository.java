package io.planpulse.targets.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class IndicatorRepository implements PanacheRepositoryBase<IndicatorEntity, String> {

    public Uni<List<IndicatorEntity>> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }

    /** The indicators a plan has now. */
    public Uni<List<IndicatorEntity>> findLiveByPlan(String planId) {
        return list("planId = ?1 and deletedAt is null", planId);
    }

    /** The indicators a replace touches: those the plan has now, and every row of the ids the document names, live or not. */
    public Uni<List<IndicatorEntity>> findForReplace(String planId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return findLiveByPlan(planId);
        }
        return list("(planId = ?1 and deletedAt is null) or id in ?2", planId, ids);
    }
}
