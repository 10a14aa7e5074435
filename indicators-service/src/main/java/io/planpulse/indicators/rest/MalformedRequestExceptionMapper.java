package io.planpulse.indicators.rest;

import io.planpulse.platform.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 400 for a body that does not parse or is not shaped as the contract says. */
@Provider
public class MalformedRequestExceptionMapper implements ExceptionMapper<MalformedRequestException> {

    @Override
    public Response toResponse(MalformedRequestException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "MALFORMED_BODY", e.getMessage()).toResponse();
    }
}
