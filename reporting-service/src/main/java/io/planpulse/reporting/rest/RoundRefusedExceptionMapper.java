package io.planpulse.reporting.rest;

import io.planpulse.platform.rest.Problem;
import io.planpulse.reporting.round.RoundRefusedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused action on a round: its status and code, as a problem. */
@Provider
public class RoundRefusedExceptionMapper implements ExceptionMapper<RoundRefusedException> {

    @Override
    public Response toResponse(RoundRefusedException e) {
        Response.Status known = Response.Status.fromStatusCode(e.refusal().status());
        return Problem.of(e.refusal().status(), known == null ? "Unprocessable Content" : known.getReasonPhrase(),
                e.refusal().code(), e.getMessage()).toResponse();
    }
}
