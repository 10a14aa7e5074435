package io.planpulse.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.impl.NoStackTraceThrowable;
import org.junit.jupiter.api.Test;

/** What a failure that no other mapper takes is answered. */
class UnexpectedExceptionMapperTest {

    private final UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();

    @Test
    void aQueryOnAConnectionThatClosedMeanwhileIs503NotA500() {
        var response = mapper.toResponse(new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"));
        assertEquals(503, response.getStatus());
        assertEquals("2", response.getHeaderString("Retry-After"));
    }

    @Test
    void anythingElseIs500() {
        assertEquals(500, mapper.toResponse(new NoStackTraceThrowable("Result is already complete")).getStatus());
        assertEquals(500, mapper.toResponse(new IllegalStateException("a bug")).getStatus());
    }
}
