package io.planpulse.platform.rest;

import io.planpulse.platform.error.InvalidRequestException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 400 for a request parameter out of bounds. */
@Provider
public class InvalidRequestExceptionMapper implements ExceptionMapper<InvalidRequestException> {

    @Override
    public Response toResponse(InvalidRequestException e) {
        return Problem.of(Response.Status.BAD_REQUEST, e.code(), e.getMessage()).toResponse();
    }
}
