package io.planpulse.targets.rest;

import io.planpulse.platform.error.InvalidRequestException;
import io.planpulse.platform.rest.Problem;
import io.planpulse.platform.rest.Roles;
import io.planpulse.targets.service.DocumentCodec;
import io.planpulse.targets.service.PlanChange;
import io.planpulse.targets.service.PlanService;
import io.planpulse.targets.service.PlanSnapshot;
import io.planpulse.targets.service.PlanSummary;
import io.planpulse.targets.service.ReplaceOutcome;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Plans: create or replace one from a JSON or YAML document, and read them back. */
@Path("/api/v1/plans")
@Tag(name = "plans")
@SecurityRequirement(name = "jwt")
public class PlanResource {

    static final String YAML = "application/yaml";
    static final int MAX_REASON = 500;

    private final PlanService plans;
    private final DocumentCodec codec;
    private final SecurityIdentity identity;

    public PlanResource(PlanService plans, DocumentCodec codec, SecurityIdentity identity) {
        this.plans = plans;
        this.codec = codec;
        this.identity = identity;
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the plans")
    public Uni<Map<String, List<PlanSummary>>> list() {
        return plans.list().map(items -> Map.of("items", items));
    }

    @GET
    @Path("{planId}")
    @Authenticated
    @Produces({MediaType.APPLICATION_JSON, YAML})
    @Operation(summary = "Read a plan document", description = "The document as stored, every default explicit, "
            + "with a read-only meta object; it can be PUT back unchanged. Ask for application/yaml to get YAML.")
    @APIResponse(responseCode = "200", description = "The plan document with its meta",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "plan",
                    value = PlanExamples.DOCUMENT_WITH_META)))
    @APIResponse(responseCode = "404", description = "No such plan")
    public Uni<Response> get(@PathParam("planId") String planId, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return plans.get(planId).map(plan -> document(plan, null, Response.ok(), accept));
    }

    @PUT
    @Path("{planId}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @Produces({MediaType.APPLICATION_JSON, YAML})
    @Operation(summary = "Create or replace a plan", description = "Validates the whole document and reports every "
            + "problem at once (422); stores nothing when anything is wrong. A document equal to the stored plan "
            + "changes nothing. meta is ignored. With If-Match, the replace fails with 412 when the plan changed meanwhile.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "json", value = PlanExamples.DOCUMENT_JSON)),
            @Content(mediaType = YAML, examples = @ExampleObject(name = "yaml", value = PlanExamples.DOCUMENT_YAML))})
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced, or unchanged (meta.outcome says which)")
    @APIResponse(responseCode = "400", description = "The body does not parse")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "422", description = "The document breaks the rules; every problem is listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "problems",
                    value = PlanExamples.PROBLEM)))
    public Uni<Response> put(@PathParam("planId") String planId,
                             @Parameter(description = "the plan's entity tag, from a GET") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                             @HeaderParam(HttpHeaders.ACCEPT) String accept,
                             @Parameter(description = "why the plan changes, kept in every version's history (at most 500 characters)")
                             @QueryParam("reason") String reason,
                             byte[] body) {
        Object document = codec.parse(body, contentType);
        return plans.replace(planId, document, ifMatch, identity.getPrincipal().getName(), checkedReason(reason))
                .map(change -> document(change.plan(), change,
                        change.outcome() == ReplaceOutcome.CREATED ? Response.status(Response.Status.CREATED) : Response.ok(),
                        accept));
    }

    @DELETE
    @Path("{planId}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Delete a plan", description = "The plan and its indicators leave the API; their history is "
            + "kept and tombstones are published. A plan created again under the same id continues its versions.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public Uni<Response> delete(@PathParam("planId") String planId,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @QueryParam("reason") String reason) {
        return plans.delete(planId, ifMatch, identity.getPrincipal().getName(), checkedReason(reason))
                .map(v -> Response.noContent().build());
    }

    @GET
    @Path("{planId}/departments")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List a plan's departments")
    public Uni<Map<String, Object>> departments(@PathParam("planId") String planId) {
        return plans.get(planId).map(plan -> Map.of("planId", planId, "items", plan.document().get("departments")));
    }

    private Response document(PlanSnapshot plan, PlanChange change, Response.ResponseBuilder builder, String accept) {
        Map<String, Object> body = PlanDocumentView.withMeta(plan, change == null ? null : change.outcome());
        builder.header(HttpHeaders.ETAG, plan.etag());
        if (DocumentCodec.isYaml(accept) && !acceptsJsonFirst(accept)) {
            return builder.type(YAML + ";charset=UTF-8").entity(codec.toYaml(body)).build();
        }
        return builder.type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body).build();
    }

    private static String checkedReason(String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            throw new InvalidRequestException("REASON_TOO_LONG", "reason must be at most " + MAX_REASON + " characters");
        }
        return reason == null || reason.isBlank() ? null : reason;
    }

    private static boolean acceptsJsonFirst(String accept) {
        int json = accept.indexOf("json");
        return json >= 0 && json < accept.indexOf("yaml");
    }
}
