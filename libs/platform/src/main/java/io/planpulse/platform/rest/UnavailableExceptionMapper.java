package io.planpulse.platform.rest;

import io.planpulse.platform.error.UnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503 problem+json with {@code Retry-After} (whole seconds, at least one). */
@Provider
public class UnavailableExceptionMapper implements ExceptionMapper<UnavailableException> {

    @Override
    public Response toResponse(UnavailableException e) {
        return response(e);
    }

    static Response response(UnavailableException e) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "UNAVAILABLE", e.getMessage()).response()
                .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))).build();
    }
}
