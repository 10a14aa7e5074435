package io.planpulse.platform.rest;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 401 when the bearer token is not valid: bad signature, wrong issuer or audience, expired. */
@Provider
public class AuthenticationFailedExceptionMapper implements ExceptionMapper<AuthenticationFailedException> {

    @Override
    public Response toResponse(AuthenticationFailedException e) {
        return Problem.of(Response.Status.UNAUTHORIZED, "INVALID_TOKEN", "the bearer token is not valid")
                .response().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
    }
}
