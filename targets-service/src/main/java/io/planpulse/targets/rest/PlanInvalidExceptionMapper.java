package io.planpulse.targets.rest;

import io.planpulse.platform.rest.Problem;
import io.planpulse.targets.service.PlanInvalidException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 422 with every problem of the plan document. */
@Provider
public class PlanInvalidExceptionMapper implements ExceptionMapper<PlanInvalidException> {

    @Override
    public Response toResponse(PlanInvalidException e) {
        return Problem.of(422, "Unprocessable Content", "PLAN_INVALID",
                        "the plan document has " + e.violations().size() + " problem(s); nothing was stored")
                .withErrors(e.violations().stream()
                        .map(v -> new Problem.ProblemError(v.path(), v.code().name(), v.message()))
                        .toList())
                .toResponse();
    }
}
