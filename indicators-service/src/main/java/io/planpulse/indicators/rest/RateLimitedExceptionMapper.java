package io.planpulse.indicators.rest;

import io.planpulse.platform.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 429 RATE_LIMITED with {@code Retry-After} (whole seconds, at least one). */
@Provider
public class RateLimitedExceptionMapper implements ExceptionMapper<RateLimitedException> {

    @Override
    public Response toResponse(RateLimitedException e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Problem.of(Response.Status.TOO_MANY_REQUESTS, "RATE_LIMITED", e.getMessage()).response()
                .header("Retry-After", Long.toString(seconds)).build();
    }
}
