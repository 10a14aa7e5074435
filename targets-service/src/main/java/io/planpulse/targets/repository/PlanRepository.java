package io.planpulse.targets.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<PlanEntity, String> {

    /** The plan, locked until the transaction ends, so that concurrent replaces of one plan take turns. */
    public Uni<PlanEntity> findForUpdate(String planId) {
        return findById(planId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<PlanEntity>> listLive() {
        return list("deletedAt is null", Sort.by("id"));
    }
}
