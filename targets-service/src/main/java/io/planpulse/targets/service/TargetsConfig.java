package io.planpulse.targets.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Instant;
import java.util.Optional;

/** targets-service's own settings (prefix {@code planpulse}); every one can be set by environment variable. */
@ConfigMapping(prefix = "planpulse")
public interface TargetsConfig {

    ClockSettings clock();

    Seed seed();

    interface ClockSettings {
        /** A fixed instant for "now" (tests and demonstrations); unset means the system clock. */
        Optional<Instant> fixed();
    }

    interface Seed {
        /** Load the shipped plan when the service starts on an empty database. */
        @WithDefault("true")
        boolean enabled();

        /** The classpath resource of the plan document to load. */
        @WithDefault("seed/fyp14.yaml")
        String resource();
    }
}
