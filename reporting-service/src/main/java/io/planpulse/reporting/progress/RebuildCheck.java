package io.planpulse.reporting.progress;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN while this instance rebuilds its database from the topics ({@link Rebuild}): its
 * answers are computed from what it has read so far, and it publishes nothing until it has settled.
 */
@Readiness
@ApplicationScoped
public class RebuildCheck implements HealthCheck {

    private final Rebuild rebuild;

    public RebuildCheck(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rebuild").status(rebuild.isSettled()).build();
    }
}
