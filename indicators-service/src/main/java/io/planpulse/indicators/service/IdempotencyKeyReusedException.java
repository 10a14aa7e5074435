package io.planpulse.indicators.service;

/** An Idempotency-Key sent again with another body (422 IDEMPOTENCY_KEY_REUSED). */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String message) {
        super(message);
    }
}
