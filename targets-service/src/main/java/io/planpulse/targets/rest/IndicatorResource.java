package io.planpulse.targets.rest;

import io.planpulse.targets.service.IndicatorSnapshot;
import io.planpulse.targets.service.PlanService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One indicator of any plan, by its id (unique across plans). */
@Path("/api/v1/indicators")
@Tag(name = "indicators")
@SecurityRequirement(name = "jwt")
public class IndicatorResource {

    private final PlanService plans;

    public IndicatorResource(PlanService plans) {
        this.plans = plans;
    }

    @GET
    @Path("{indicatorId}")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read one indicator", description = "Its definition as in the plan document, the plan and "
            + "node path it sits under, and its version.")
    public Uni<Map<String, Object>> get(@PathParam("indicatorId") String indicatorId) {
        return plans.indicator(indicatorId).map(IndicatorResource::view);
    }

    @GET
    @Path("{indicatorId}/history")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every version of an indicator", description = "Newest first: each version's change "
            + "(CREATED, CHANGED, DELETED), its definition (none once deleted), plan, node path, who, when and why.")
    public Uni<Map<String, Object>> history(@PathParam("indicatorId") String indicatorId) {
        return plans.indicatorHistory(indicatorId).map(items -> Map.of("indicatorId", indicatorId, "items", items));
    }

    private static Map<String, Object> view(IndicatorSnapshot indicator) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planId", indicator.planId());
        body.put("nodePath", indicator.nodePath());
        body.putAll(indicator.definition());
        body.put("meta", PlanDocumentView.meta(indicator.meta()));
        return body;
    }
}
