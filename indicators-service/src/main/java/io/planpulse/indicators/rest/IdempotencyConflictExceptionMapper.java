package io.planpulse.indicators.rest;

import io.planpulse.indicators.service.IdempotencyConflictException;
import io.planpulse.platform.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 409 while the first request with the same Idempotency-Key is still running. */
@Provider
public class IdempotencyConflictExceptionMapper implements ExceptionMapper<IdempotencyConflictException> {

    @Override
    public Response toResponse(IdempotencyConflictException e) {
        return Problem.of(Response.Status.CONFLICT, "IDEMPOTENCY_KEY_IN_USE", e.getMessage()).response()
                .header("Retry-After", "1").build();
    }
}
