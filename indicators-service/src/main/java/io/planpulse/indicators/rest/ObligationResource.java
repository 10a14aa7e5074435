package io.planpulse.indicators.rest;

import io.planpulse.indicators.service.ObligationService;
import io.planpulse.platform.error.InvalidRequestException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a department owes, so that its IT team sees what to send. */
@Path("/api/v1/obligations")
@Tag(name = "obligations")
@SecurityRequirement(name = "jwt")
public class ObligationResource {

    private final ObligationService obligations;

    public ObligationResource(ObligationService obligations) {
        this.obligations = obligations;
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A department's obligations", description = "Per indicator it owns or co-owns: the periods "
            + "that have ended and are due (not yet late), those overdue (due date passed, no value), and the next "
            + "due date. A period is due dueDays after it ends.")
    public Uni<ObligationService.Obligations> of(@QueryParam("dept") String dept) {
        if (dept == null || !dept.matches("[A-Z][A-Z0-9_-]{0,31}")) {
            throw new InvalidRequestException("INVALID_DEPARTMENT", "dept must be a department code such as STATS");
        }
        return obligations.of(dept);
    }
}
