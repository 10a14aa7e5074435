package io.planpulse.reporting.rest;

import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.platform.error.InvalidRequestException;
import io.planpulse.platform.audit.AuditEvent;
import io.planpulse.platform.audit.Audited;
import io.planpulse.reporting.export.ProgressExport;
import io.planpulse.reporting.progress.ProgressQueries;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Progress of indicators, plans and departments (DESIGN §7). */
@Path("/api/v1/progress")
@Tag(name = "progress")
@SecurityRequirement(name = "jwt")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ProgressQueries queries;
    private final ProgressExport export;

    public ProgressResource(ProgressQueries queries, ProgressExport export) {
        this.queries = queries;
        this.export = export;
    }

    @GET
    @Path("indicators/{id}")
    @Operation(summary = "One indicator's progress", description = "Now, or as of an instant: then only the revisions "
            + "and target versions received by then count, and that instant is the clock.")
    @APIResponse(responseCode = "200", description = "The progress document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "cumulative",
                    value = ProgressExamples.INDICATOR)))
    @APIResponse(responseCode = "404", description = "No such indicator (then)")
    public Uni<ProgressUpdated> indicator(@PathParam("id") String id,
                                          @Parameter(description = "an ISO-8601 instant, e.g. 2024-06-30T16:00:00Z")
                                          @QueryParam("asOf") String asOf) {
        return queries.indicator(id, instant(asOf));
    }

    @GET
    @Path("indicators/{id}/history")
    @Operation(summary = "Every version of an indicator's progress, newest first")
    public Uni<Map<String, Object>> history(@PathParam("id") String id) {
        return queries.history(id).map(items -> Map.of("indicatorId", id, "items", items));
    }

    @GET
    @Path("plans/{planId}")
    @Operation(summary = "A plan's tree with roll-ups", description = "Every node with the roll-up of the indicators "
            + "below it and the progress of those it lists, and the plan's roll-up.")
    @APIResponse(responseCode = "200", description = "The tree",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "plan",
                    value = ProgressExamples.PLAN)))
    public Uni<Map<String, Object>> plan(@PathParam("planId") String planId, @QueryParam("asOf") String asOf) {
        return queries.plan(planId, instant(asOf));
    }

    @GET
    @Path("plans/{planId}/export")
    @Audited(AuditEvent.EXPORT)
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "A plan's progress as a table", description = "format=csv (UTF-8 with a byte order mark, "
            + "for Excel and WPS) or format=xlsx: one row per indicator under its node path.")
    public Uni<Response> export(@PathParam("planId") String planId, @QueryParam("format") @DefaultValue("csv") String format,
                                @QueryParam("asOf") String asOf) {
        Instant at = instant(asOf);
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> export.csv(planId, at).map(bytes -> file(bytes, "text/csv;charset=UTF-8", planId + "-progress.csv"));
            case "xlsx" -> export.xlsx(planId, at).map(bytes -> file(bytes, XLSX, planId + "-progress.xlsx"));
            default -> throw new InvalidRequestException("INVALID_FORMAT", "format must be csv or xlsx");
        };
    }

    private static Response file(byte[] bytes, String type, String name) {
        return Response.ok(bytes).type(type).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    @GET
    @Path("departments/{code}")
    @Operation(summary = "One department's indicators and roll-up")
    public Uni<Map<String, Object>> department(@PathParam("code") String code, @QueryParam("planId") String planId,
                                               @QueryParam("asOf") String asOf) {
        if (planId == null || planId.isBlank()) {
            throw new InvalidRequestException("PLAN_REQUIRED", "planId is required");
        }
        return queries.department(code, planId, instant(asOf));
    }

    /** An {@code asOf} query parameter: an ISO-8601 instant, or null where it is absent. */
    static Instant instant(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("INVALID_AS_OF", "asOf must be an ISO-8601 instant such as "
                    + "2024-06-30T16:00:00Z, not '" + asOf + "'");
        }
    }
}
