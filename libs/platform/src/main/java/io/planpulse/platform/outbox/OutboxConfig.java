package io.planpulse.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay's settings ({@code planpulse.outbox.*}). */
@ConfigMapping(prefix = "planpulse.outbox")
public interface OutboxConfig {

    /** Run the relay in this instance (one instance at a time holds the lock and publishes). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often an idle relay looks for new rows. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Rows relayed per round trip. */
    @WithDefault("500")
    int batchSize();

    /** The PostgreSQL advisory lock that elects the one active relay of a database. */
    @WithDefault("7310001")
    long lockKey();

    /** How old the oldest unpublished event may grow before health reports the outbox DOWN. */
    @WithDefault("5m")
    Duration maxAge();
}
