package io.planpulse.targets.rest;

import io.planpulse.platform.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.hibernate.exception.ConstraintViolationException;

/** 409 when a concurrent request stored the same plan or indicator id first. */
@Provider
public class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        return Problem.of(Response.Status.CONFLICT, "CONCURRENT_CHANGE",
                "another request changed the same plan or indicator at the same time; read it again and retry").toResponse();
    }
}
