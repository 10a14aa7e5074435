package io.planpulse.targets.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** targets-service's own settings (prefix {@code planpulse}); every one can be set by environment variable. */
@ConfigMapping(prefix = "planpulse")
public interface TargetsConfig {

    ClockSettings clock();

    Seed seed();

    Outbox outbox();

    Topics topics();

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

    interface Outbox {
        /** Run the relay that publishes the outbox to Kafka (one instance at a time holds the lock). */
        @WithDefault("true")
        boolean relayEnabled();

        /** How often the relay looks for new rows when the outbox is empty. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** Rows relayed per round trip. */
        @WithDefault("500")
        int batchSize();

        /** The PostgreSQL advisory lock that elects the one active relay. */
        @WithDefault("7310001")
        long lockKey();

        /** How old the oldest unpublished event may grow before health reports the outbox DOWN. */
        @WithDefault("5m")
        Duration maxAge();
    }

    interface Topics {
        /** Partitions of the topics the service creates when they are missing. */
        @WithDefault("3")
        int partitions();

        /** Replication factor of the topics the service creates. */
        @WithDefault("1")
        short replicationFactor();
    }
}
