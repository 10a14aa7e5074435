package io.planpulse.targets.rest;

import io.planpulse.platform.rest.Problem;
import io.planpulse.targets.service.PreconditionFailedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 412 when If-Match names a version of the plan that is no longer current. */
@Provider
public class PreconditionFailedExceptionMapper implements ExceptionMapper<PreconditionFailedException> {

    @Override
    public Response toResponse(PreconditionFailedException e) {
        return Problem.of(Response.Status.PRECONDITION_FAILED, "PLAN_CHANGED", e.getMessage()).toResponse();
    }
}
