package io.planpulse.platform.rest;

import io.planpulse.platform.error.DatabaseFailures;
import io.planpulse.platform.error.UnavailableException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;

/**
 * 500 without internals: the details go to the log, never to the caller. A lost database
 * connection is 503 with {@code Retry-After} instead: the request failed, and its retry may not.
 * It maps every {@link Throwable}, not only exceptions: the reactive clients fail with bare
 * throwables too, and one that no mapper takes is answered by the HTTP layer's own 500 page.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    @Override
    public Response toResponse(Throwable e) {
        if (DatabaseFailures.lostConnection(e)) {
            Log.warnf("request failed: the database connection was lost (%s)", e.toString());
            return UnavailableExceptionMapper.response(new UnavailableException(
                    "the database connection was lost; retry (with the same Idempotency-Key for a report)", RETRY_AFTER));
        }
        Log.error("request failed unexpectedly", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "the request could not be completed; it has been logged").toResponse();
    }
}
