package io.planpulse.targets.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneOffset;

/** The one clock every use case takes "now" from; fixed by configuration in tests. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(TargetsConfig config) {
        return config.clock().fixed()
                .map(instant -> Clock.fixed(instant, ZoneOffset.UTC))
                .orElse(Clock.systemUTC());
    }
}
