package io.planpulse.platform.rest;

import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 403 when the token's roles do not allow the request. */
@Provider
public class ForbiddenExceptionMapper implements ExceptionMapper<ForbiddenException> {

    @Override
    public Response toResponse(ForbiddenException e) {
        return Problem.of(Response.Status.FORBIDDEN, "FORBIDDEN", "the token's roles do not allow this request")
                .toResponse();
    }
}
