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

    /** Write requests a department may send per second, on average (a token bucket per department). */
    @WithDefault("100")
    double departmentRate();

    /** Write requests a department may send at once before its rate applies. */
    @WithDefault("200")
    int departmentBurst();

    /** Write requests the service works on at once; more are answered 503 OVERLOADED at once. */
    @WithDefault("64")
    int maxInFlight();

    /**
     * Declared body bytes of the write requests worked on at once (a body without a length counts
     * as {@link #maxBytes()}); more are answered 503 OVERLOADED before their bodies are read.
     */
    @WithDefault("16000000")
    long maxInFlightBytes();

    /** How long an Idempotency-Key's response is kept for retries. */
    @WithDefault("24h")
    Duration idempotencyTtl();
}
