package io.planpulse.indicators.rest;

import io.planpulse.indicators.service.IdempotencyKeyReusedException;
import io.planpulse.platform.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422 when an Idempotency-Key comes back with another body. */
@Provider
public class IdempotencyKeyReusedExceptionMapper implements ExceptionMapper<IdempotencyKeyReusedException> {

    @Override
    public Response toResponse(IdempotencyKeyReusedException e) {
        return Problem.of(422, "Unprocessable Content", "IDEMPOTENCY_KEY_REUSED", e.getMessage()).toResponse();
    }
}
