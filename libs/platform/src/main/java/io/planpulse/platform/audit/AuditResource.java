package io.planpulse.platform.audit;

import io.planpulse.platform.error.InvalidRequestException;
import io.planpulse.platform.rest.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The audit trail, for admins: each service serves its own under its own path (a subclass names it,
 * so that the gateway routes it to that service).
 */
public abstract class AuditResource {

    private static final int MAX = 1000;

    private final AuditTrail trail;
    private final Clock clock;

    protected AuditResource(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The audit trail (admins): sign-ins, sign-outs, writes and exports, newest first",
            description = "Query: from, to (instants; default the last 24 hours), actor, limit (at most 1000).")
    public Uni<Map<String, Object>> read(@QueryParam("from") String from, @QueryParam("to") String to,
                                         @QueryParam("actor") String actor, @QueryParam("limit") @DefaultValue("200") int limit) {
        Instant end = instant("to", to, clock.instant().plusSeconds(1));
        Instant start = instant("from", from, end.minus(Duration.ofDays(1)));
        if (limit < 1 || limit > MAX) {
            throw new InvalidRequestException("INVALID_LIMIT", "limit must be from 1 to " + MAX);
        }
        return trail.read(start, end, actor == null || actor.isBlank() ? null : actor, limit)
                .map(events -> Map.<String, Object>of("from", start, "to", end, "events", List.copyOf(events)));
    }

    private static Instant instant(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("INVALID_" + name.toUpperCase(), name + " must be an instant such as "
                    + "2026-01-31T00:00:00Z, not '" + value + "'");
        }
    }
}
