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

    public Uni<List<IndicatorEntity>> findByPlan(String planId) {
        return list("planId", planId);
    }
}
