package io.planpulse.platform.error;

import java.time.Duration;

/**
 * The service cannot answer now (its database did not answer in time) but may in a moment: 503
 * with {@code Retry-After}. A request that ends so may still complete behind it; retried with the
 * same {@code Idempotency-Key}, it gets that outcome and is not applied twice.
 */
public class UnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public UnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
