package io.planpulse.indicators.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** indicators-service's own settings ({@code planpulse.ingest.*}). */
@ConfigMapping(prefix = "planpulse.ingest")
public interface IngestionConfig {

    /** Rows a batch may have. */
    @WithDefault("10000")
    int maxRows();

    /** Bytes a batch body may have. */
    @WithDefault("5000000")
    int maxBytes();

    /**
     * How long a request may wait for the database before it is answered 503 with Retry-After
     * (its transaction may still complete; a retry with the same Idempotency-Key gets its outcome).
     */
    @WithDefault("5s")
    Duration databaseTimeout();

    /** How long an Idempotency-Key's response is kept for retries. */
    @WithDefault("24h")
    Duration idempotencyTtl();
}
