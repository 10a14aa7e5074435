package io.planpulse.targets.rest;

import io.planpulse.platform.rest.Problem;
import io.planpulse.targets.service.MalformedDocumentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 400 for a body that does not parse. */
@Provider
public class MalformedDocumentExceptionMapper implements ExceptionMapper<MalformedDocumentException> {

    @Override
    public Response toResponse(MalformedDocumentException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "MALFORMED_BODY", e.getMessage()).toResponse();
    }
}
