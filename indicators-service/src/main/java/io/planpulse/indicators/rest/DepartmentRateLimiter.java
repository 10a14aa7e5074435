package io.planpulse.indicators.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.planpulse.indicators.domain.Caller;
import io.planpulse.indicators.service.IngestionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write requests per department ({@code planpulse.ingest.department-rate}, with a burst): one
 * department's system cannot take the capacity every other department reports with. A caller
 * without a department (the plan office's admin) is not limited. There is one bucket per
 * department code, and codes come only from signed tokens, so the map stays as small as the list
 * of departments.
 */
@ApplicationScoped
public class DepartmentRateLimiter {

    private final IngestionConfig config;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Counter limited;

    public DepartmentRateLimiter(IngestionConfig config, MeterRegistry registry) {
        this.config = config;
        this.limited = Counter.builder("planpulse.reports.rate.limited")
                .description("write requests answered 429 because their department was over its rate").register(registry);
    }

    /** Lets the request through, or throws {@link RateLimitedException} with the wait until it would pass. */
    public void admit(Caller caller) {
        if (caller.dept() == null) {
            return;
        }
        long now = System.nanoTime();
        long wait = buckets.computeIfAbsent(caller.dept(),
                dept -> new TokenBucket(config.departmentRate(), config.departmentBurst(), now)).take(now);
        if (wait > 0) {
            limited.increment();
            throw new RateLimitedException("department " + caller.dept() + " may send " + config.departmentRate()
                    + " write requests a second (bursts of " + config.departmentBurst() + ")", Duration.ofNanos(wait));
        }
    }
}
