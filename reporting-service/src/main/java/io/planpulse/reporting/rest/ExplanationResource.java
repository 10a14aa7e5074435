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
import io.planpulse.reporting.round.ExplanationService;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Departments explain their lagging indicators, round by round (DESIGN §7, "Explanations"). */
@Path("/api/v1/explanations")
@Tag(name = "explanations")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ExplanationResource {

    static final int MAX_TEXT = 2000;
    static final int MAX_RECOVERY = 500;
    private static final Set<String> FIELDS = Set.of("cause", "measures", "expectedRecovery", "lang");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExplanationService explanations;
    private final SecurityIdentity identity;

    public ExplanationResource(ExplanationService explanations, SecurityIdentity identity) {
        this.explanations = explanations;
        this.identity = identity;
    }

    @POST
    @Path("{indicatorId}/{round}")
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Explain why an indicator lags in a round", description = "{cause, measures, "
            + "expectedRecovery, lang: zh|en}: a reporter of a department that owns the indicator, or an admin; only "
            + "where it is AT_RISK, OFF_TRACK or MISSED in the round. Each is a new revision; all are kept.")
    @APIResponse(responseCode = "201", description = "The new revision")
    @APIResponse(responseCode = "403", description = "FORBIDDEN_EXPLANATION: not an owning department")
    @APIResponse(responseCode = "422", description = "NOT_LAGGING, ROUND_IN_FUTURE or ROUND_OUTSIDE_WINDOW")
    public Uni<Response> give(@PathParam("indicatorId") String indicatorId, @PathParam("round") String round,
                              @HeaderParam(IdempotencyKeyHeader.NAME) String key, byte[] body) {
        return explanations.give(indicatorId, RoundResource.round(round), text(body), actor(), RoundResource.key(key))
                .map(given -> Response.status(Response.Status.CREATED).entity(given).build());
    }

    @GET
    @Path("{indicatorId}/{round}")
    @Authenticated
    @Operation(summary = "Every revision of an indicator's explanation for a round, newest first")
    public Uni<List<ExplanationService.ExplanationView>> revisions(@PathParam("indicatorId") String indicatorId,
                                                                   @PathParam("round") String round) {
        return explanations.revisions(indicatorId, RoundResource.round(round));
    }

    @GET
    @Authenticated
    @Operation(summary = "What a round owes", description = "Every indicator of the plan (of one department's, with "
            + "dept) lagging in the round, its due date, whether overdue, and its latest explanation.")
    public Uni<ExplanationService.Owed> owed(@QueryParam("planId") String planId, @QueryParam("round") String round,
                                             @QueryParam("dept") String dept) {
        if (planId == null || planId.isBlank()) {
            throw new InvalidRequestException("PLAN_REQUIRED", "name the plan: planId=");
        }
        return explanations.owed(planId, RoundResource.round(round == null ? "" : round),
                dept == null || dept.isBlank() ? null : dept);
    }

    private Actor actor() {
        return new Actor(Identities.name(identity), Identities.dept(identity), identity.hasRole(Roles.ADMIN));
    }

    private static ExplanationService.Text text(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("MALFORMED_BODY", "the body is not JSON: {cause, measures, "
                    + "expectedRecovery, lang}");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidRequestException("MALFORMED_BODY", "an explanation is a JSON object: {cause, measures, "
                    + "expectedRecovery, lang}");
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException("UNKNOWN_FIELD", "an explanation has no field '" + name
                        + "' (fields: cause, expectedRecovery, lang, measures)");
            }
        }
        String lang = tree.hasNonNull("lang") ? tree.get("lang").asText() : "zh";
        if (!lang.equals("zh") && !lang.equals("en")) {
            throw new InvalidRequestException("LANG_INVALID", "lang is zh or en");
        }
        return new ExplanationService.Text(required(tree, "cause", MAX_TEXT), required(tree, "measures", MAX_TEXT),
                required(tree, "expectedRecovery", MAX_RECOVERY), lang);
    }

    private static String required(JsonNode tree, String field, int max) {
        JsonNode node = tree.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidRequestException("FIELD_REQUIRED", "an explanation needs " + field
                    + ": the cause, the measures that will close the gap, and when it expects to recover");
        }
        String text = node.asText();
        if (text.length() > max) {
            throw new InvalidRequestException("TEXT_TOO_LONG", field + " must be at most " + max + " characters");
        }
        if (Texts.hasControlCharacters(text)) {
            throw new InvalidRequestException("TEXT_INVALID",
                    field + " must not contain control characters (tabs and line breaks are fine)");
        }
        return text;
    }
}
