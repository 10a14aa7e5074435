package io.planpulse.platform.rest;

import io.planpulse.platform.error.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404 for a plan or indicator that does not exist. */
@Provider
public class NotFoundExceptionMapper implements ExceptionMapper<NotFoundException> {

    @Override
    public Response toResponse(NotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, "NOT_FOUND", e.getMessage()).toResponse();
    }
}
