package io.planpulse.targets.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class PlanVersionRepository implements PanacheRepositoryBase<PlanVersionEntity, Long> {

    /** Every version of a plan, newest first. */
    public Uni<List<PlanVersionEntity>> history(String planId) {
        return list("planId", Sort.descending("version"), planId);
    }
}
