package io.planpulse.indicators.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.planpulse.indicators.domain.Caller;
import io.planpulse.indicators.service.IdempotencyKey;
import io.planpulse.indicators.service.ReportPage;
import io.planpulse.indicators.service.ReviewService;
import io.planpulse.model.event.ReviewState;
import io.planpulse.platform.error.InvalidRequestException;
import io.planpulse.platform.rest.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The plan office reviews submitted values (DESIGN §5, "Review"); departments see what was returned. */
@Path("/api/v1/reviews")
@Tag(name = "reviews")
@SecurityRequirement(name = "jwt")
public class ReviewResource {

    private final ReviewService reviews;
    private final ReportReader reader;
    private final ReviewAnswers answers;
    private final Callers callers;

    public ReviewResource(ReviewService reviews, ReportReader reader, ReviewAnswers answers, Callers callers) {
        this.reviews = reviews;
        this.reader = reader;
        this.answers = answers;
        this.callers = callers;
    }

    @POST
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or return submitted values", description = "{action: APPROVE|RETURN, comment, "
            + "items: [{indicatorId, period, revision}]} or {action, comment, scope: {planId, dept, round}} (every "
            + "value waiting of the indicators dept owns, of periods within round). A planner of the plan's office or "
            + "an admin; never one's own value; a return needs a comment. All or nothing.")
    @APIResponse(responseCode = "200", description = "Every revision decided")
    @APIResponse(responseCode = "400", description = "Not a review request (a code says what is wrong)")
    @APIResponse(responseCode = "403", description = "FORBIDDEN_REVIEW (not the plan office) or OWN_VALUE (four eyes)")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such value, revision or plan")
    @APIResponse(responseCode = "409", description = "NOT_SUBMITTED or SUPERSEDED: that revision does not wait")
    @APIResponse(responseCode = "422", description = "NOTHING_TO_REVIEW: the round has no value waiting")
    public Uni<Response> review(@HeaderParam(ReportResource.IDEMPOTENCY_KEY) String idempotencyKey, byte[] body) {
        Caller caller = callers.current();
        JsonNode tree = reader.parseJson(body);
        Optional<IdempotencyKey> key = ReportResource.key(idempotencyKey).map(k -> IdempotencyKey.ofJson(k, "reviews", tree));
        return reviews.review(ReviewReader.read(tree), caller, key, answers::answer).map(ReportResource::response);
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Latest revisions in a review state, oldest first", description = "state SUBMITTED (the "
            + "office's queue, the default), RETURNED (with the reviewer's comment) or APPROVED; optionally of one "
            + "plan and of the indicators one department owns. Pages count from 0, size at most 500.")
    public Uni<ReportPage> list(@QueryParam("state") @DefaultValue("SUBMITTED") String state,
                                @QueryParam("planId") String planId, @QueryParam("dept") String dept,
                                @QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("50") int size) {
        return reviews.list(state(state), ReportResource.blankToNull(planId), ReportResource.blankToNull(dept), page, size);
    }

    private static ReviewState state(String state) {
        try {
            return ReviewState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("INVALID_STATE", "state must be SUBMITTED, RETURNED or APPROVED");
        }
    }
}
