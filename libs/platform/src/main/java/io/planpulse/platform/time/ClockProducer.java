package io.planpulse.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one clock every use case takes "now" from; {@code planpulse.clock.fixed} fixes it (tests, demonstrations). */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "planpulse.clock.fixed") Optional<Instant> fixed) {
        return fixed.map(instant -> Clock.fixed(instant, ZoneOffset.UTC)).orElse(Clock.systemUTC());
    }
}
