package io.planpulse.platform.rest;

import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 401 when a request that needs a token comes without one. */
@Provider
public class UnauthorizedExceptionMapper implements ExceptionMapper<UnauthorizedException> {

    @Override
    public Response toResponse(UnauthorizedException e) {
        return Problem.of(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", "a bearer token is required")
                .response().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
