package io.planpulse.reporting.rest;

import io.planpulse.model.plan.Period;
import io.planpulse.platform.audit.AuditEvent;
import io.planpulse.platform.audit.Audited;
import io.planpulse.platform.error.InvalidRequestException;
import io.planpulse.reporting.board.Lang;
import io.planpulse.reporting.evaluation.Evaluation;
import io.planpulse.reporting.evaluation.EvaluationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A plan's evaluation report, DOCX or PDF (DESIGN §7, "The evaluation report"); any signed-in role reads it. */
@Path("/api/v1/evaluations")
@Tag(name = "evaluations")
@SecurityRequirement(name = "jwt")
@Authenticated
public class EvaluationResource {

    private final EvaluationService evaluations;

    public EvaluationResource(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @GET
    @Path("{planId}")
    @Audited(AuditEvent.EXPORT)
    @Produces({"application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
    @Operation(summary = "A plan's evaluation report", description = "format=pdf (published) or docx (for the office to "
            + "edit); dept (one department's part), asOf (an ISO-8601 instant) or round with an optional version (as "
            + "the round published it), basis=official|submitted, type=final|midterm|monitoring (default: final after "
            + "the plan's window, else monitoring), lang=zh|en (else Accept-Language, else zh).")
    @APIResponse(responseCode = "200", description = "The report, as an attachment")
    @APIResponse(responseCode = "400", description = "INVALID_FORMAT, INVALID_AS_OF, ROUND_INVALID, BASIS_INVALID, "
            + "TYPE_INVALID, ROUND_OR_AS_OF, ROUND_IS_OFFICIAL")
    @APIResponse(responseCode = "404", description = "No such plan (then), department or published round")
    public Uni<Response> report(@PathParam("planId") String planId, @QueryParam("format") String format,
                                @QueryParam("dept") String dept, @QueryParam("asOf") String asOf,
                                @QueryParam("round") String round, @QueryParam("version") Integer version,
                                @QueryParam("basis") String basis, @QueryParam("type") String type,
                                @QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                                @Context RoutingContext routing) {
        EvaluationService.Request request = request(planId, format, dept, ProgressResource.instant(asOf), round, version, basis, type,
                Lang.of(lang, acceptLanguage));
        return send(evaluations.write(request), routing);
    }

    /** The request a query names, every parameter checked; shared with the board's button. */
    static EvaluationService.Request request(String planId, String format, String dept, Instant asOf, String round,
                                             Integer version, String basis, String type, Lang lang) {
        EvaluationService.Format f = switch (format == null || format.isBlank() ? "pdf" : format.toLowerCase(Locale.ROOT)) {
            case "pdf" -> EvaluationService.Format.PDF;
            case "docx" -> EvaluationService.Format.DOCX;
            default -> throw new InvalidRequestException("INVALID_FORMAT", "format must be pdf or docx");
        };
        Evaluation.Basis b = switch (basis == null || basis.isBlank() ? "official" : basis.toLowerCase(Locale.ROOT)) {
            case "official" -> Evaluation.Basis.OFFICIAL;
            case "submitted" -> Evaluation.Basis.SUBMITTED;
            default -> throw new InvalidRequestException("BASIS_INVALID", "basis must be official or submitted");
        };
        Evaluation.Type t = type == null || type.isBlank() ? null : Evaluation.Type.named(type.toLowerCase(Locale.ROOT));
        if (type != null && !type.isBlank() && t == null) {
            throw new InvalidRequestException("TYPE_INVALID", "type must be final, midterm or monitoring");
        }
        Period r = round == null || round.isBlank() ? null : RoundResource.round(round);
        if (r == null && version != null) {
            throw new InvalidRequestException("ROUND_INVALID", "a version belongs to a round: name the round too");
        }
        return new EvaluationService.Request(planId, dept == null || dept.isBlank() ? null : dept, asOf, r, version, b, t,
                lang, f);
    }

    /** The written file as an attachment, deleted once the response is over (sent or broken off). */
    static Uni<Response> send(Uni<EvaluationService.Written> written, RoutingContext routing) {
        return written.map(w -> {
            routing.addEndHandler(ended -> delete(w)); // sent, failed or the connection closed
            String ascii = w.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
            return Response.ok(w.file().toFile()).type(w.format().mediaType())
                    .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                            + URLEncoder.encode(w.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
                    .build();
        });
    }

    private static void delete(EvaluationService.Written w) {
        try {
            Files.deleteIfExists(w.file());
        } catch (IOException e) {
            // a scratch file in the temporary directory: the system clears it if this could not
        }
    }
}
