package io.planpulse.indicators.service;

/** A retry whose first request with the same Idempotency-Key is still running (409). */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String message) {
        super(message);
    }
}
