package io.planpulse.targets.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class IndicatorVersionRepository implements PanacheRepositoryBase<IndicatorVersionEntity, Long> {

    /** Every version of an indicator, newest first. */
    public Uni<List<IndicatorVersionEntity>> history(String indicatorId) {
        return list("indicatorId", Sort.descending("version"), indicatorId);
    }
}
