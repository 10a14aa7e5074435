package io.planpulse.reporting.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.model.plan.Period;
import io.planpulse.platform.error.InvalidRequestException;
import io.planpulse.model.Texts;
import io.planpulse.platform.rest.IdempotencyKeyHeader;
import io.planpulse.platform.rest.Identities;
import io.planpulse.platform.rest.Roles;
import io.planpulse.reporting.round.Actor;
import io.planpulse.reporting.round.RoundService;
import io.planpulse.reporting.round.RoundView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The plan office publishes monitoring rounds; an admin reopens one; anyone cites one (DESIGN §7, "Rounds"). */
@Path("/api/v1/rounds")
@Tag(name = "rounds")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class RoundResource {

    static final int MAX_REASON = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoundService rounds;
    private final SecurityIdentity identity;

    public RoundResource(RoundService rounds, SecurityIdentity identity) {
        this.rounds = rounds;
        this.identity = identity;
    }

    @POST
    @Path("{planId}/{round}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Publish a round", description = "The round (a period of the plan's calendar: 2025, 2025-Q4) "
            + "as an immutable, citable version equal to the plan's official progress as of now. A planner of the "
            + "plan's office or an admin; the round must have ended, lie within the plan's window, hold an official "
            + "value, and not stand published.")
    @APIResponse(responseCode = "201", description = "The new version")
    @APIResponse(responseCode = "403", description = "FORBIDDEN_ROUND: not the plan office")
    @APIResponse(responseCode = "409", description = "ALREADY_PUBLISHED")
    @APIResponse(responseCode = "422", description = "ROUND_IN_FUTURE, ROUND_OUTSIDE_WINDOW or ROUND_EMPTY")
    public Uni<Response> publish(@PathParam("planId") String planId, @PathParam("round") String round,
                                 @HeaderParam(IdempotencyKeyHeader.NAME) String key) {
        return rounds.publish(planId, round(round), actor(), key(key))
                .map(published -> Response.status(Response.Status.CREATED).entity(published).build());
    }

    @POST
    @Path("{planId}/{round}/reopen")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reopen a published round", description = "{reason}: an admin only. The version stays "
            + "citable; the office's next publication is the next version.")
    @APIResponse(responseCode = "200", description = "The version, reopened")
    @APIResponse(responseCode = "409", description = "NOT_PUBLISHED: never published, or already reopened")
    public Uni<RoundView> reopen(@PathParam("planId") String planId, @PathParam("round") String round,
                                 @HeaderParam(IdempotencyKeyHeader.NAME) String key, byte[] body) {
        return rounds.reopen(planId, round(round), reason(body), actor(), key(key));
    }

    @GET
    @Path("{planId}")
    @Authenticated
    @Operation(summary = "Every version of every round of a plan")
    public Uni<List<RoundView>> list(@PathParam("planId") String planId) {
        return rounds.list(planId);
    }

    @GET
    @Path("{planId}/{round}")
    @Authenticated
    @Operation(summary = "A round as cited: its latest version", description = "With the plan's progress as of its "
            + "publication and every correction to its periods since.")
    public Uni<RoundView> latest(@PathParam("planId") String planId, @PathParam("round") String round) {
        return rounds.get(planId, round(round), null);
    }

    @GET
    @Path("{planId}/{round}/versions/{version}")
    @Authenticated
    @Operation(summary = "A version of a round, as published (and reopened)")
    public Uni<RoundView> version(@PathParam("planId") String planId, @PathParam("round") String round,
                                  @PathParam("version") int version) {
        return rounds.get(planId, round(round), version);
    }

    private Actor actor() {
        return new Actor(Identities.name(identity), Identities.dept(identity), identity.hasRole(Roles.ADMIN));
    }

    static Period round(String round) {
        return Period.parse(round).orElseThrow(() -> new InvalidRequestException("ROUND_INVALID",
                "a round is a period of the plan's calendar such as 2025, 2025-H1, 2025-Q4 or 2025-12, not '" + round + "'"));
    }

    static String key(String key) {
        return IdempotencyKeyHeader.read(key).orElse(null);
    }

    private static String reason(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("MALFORMED_BODY", "the body is not JSON: {\"reason\": \"…\"}");
        }
        JsonNode reason = tree == null ? null : tree.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            throw new InvalidRequestException("REASON_REQUIRED", "a reopening says why in reason");
        }
        String text = reason.asText();
        if (text.length() > MAX_REASON || Texts.hasControlCharacters(text)) {
            throw new InvalidRequestException("REASON_INVALID", "reason is at most " + MAX_REASON
                    + " characters, without control characters");
        }
        return text;
    }
}
