package io.planpulse.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the relay last saw of the outbox, for metrics and health. */
@ApplicationScoped
public class OutboxStats {

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final AtomicReference<Instant> observedAt = new AtomicReference<>();
    private final Counter published;
    private final Counter failures;

    public OutboxStats(MeterRegistry registry) {
        Gauge.builder("planpulse.outbox.pending", pending, AtomicLong::get)
                .description("events in the outbox not yet published (the span of their ids: at most that many, 0 when none)").register(registry);
        Gauge.builder("planpulse.outbox.oldest.age.seconds", oldestAgeMillis, v -> v.get() / 1000.0)
                .description("age of the event at the head of the outbox").register(registry);
        published = Counter.builder("planpulse.outbox.published").description("events published to Kafka")
                .register(registry);
        failures = Counter.builder("planpulse.outbox.publish.failures")
                .description("relay rounds that failed and will be retried").register(registry);
    }

    void observe(long pendingRows, long oldestAgeMs, Instant at) {
        pending.set(pendingRows);
        oldestAgeMillis.set(oldestAgeMs);
        observedAt.set(at);
    }

    void published(int count) {
        published.increment(count);
    }

    void failed() {
        failures.increment();
    }

    public long pending() {
        return pending.get();
    }

    public long oldestAgeMillis() {
        return oldestAgeMillis.get();
    }

    /** When the outbox was last looked at, or null when no relay has looked yet. */
    public Instant observedAt() {
        return observedAt.get();
    }
}
