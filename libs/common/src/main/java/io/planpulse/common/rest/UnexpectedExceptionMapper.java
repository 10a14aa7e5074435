package io.planpulse.common.rest;

import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 500 without internals: the details go to the log, never to the caller. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception e) {
        Log.error("request failed unexpectedly", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "the request could not be completed; it has been logged").toResponse();
    }
}
