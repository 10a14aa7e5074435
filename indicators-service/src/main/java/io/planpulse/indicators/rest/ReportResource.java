package io.planpulse.indicators.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.planpulse.indicators.domain.Caller;
import io.planpulse.indicators.domain.ReplaceScope;
import io.planpulse.indicators.domain.ReportRow;
import io.planpulse.indicators.service.BatchRequest;
import io.planpulse.indicators.service.IdempotencyKey;
import io.planpulse.indicators.service.WriteAnswer;
import io.planpulse.indicators.service.IngestionConfig;
import io.planpulse.indicators.service.ReportPage;
import io.planpulse.indicators.service.ReportQueryService;
import io.planpulse.indicators.service.ReportService;
import io.planpulse.platform.error.InvalidRequestException;
import io.planpulse.platform.rest.IdempotencyKeyHeader;
import io.planpulse.platform.rest.Problem;
import io.planpulse.platform.rest.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Departments push indicator values (DESIGN §5): one report, a JSON batch, a CSV file or an Excel workbook. */
@Path("/api/v1/reports")
@Tag(name = "reports")
@SecurityRequirement(name = "jwt")
public class ReportResource {

    static final String IDEMPOTENCY_KEY = IdempotencyKeyHeader.NAME;
    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ReportService reports;
    private final ReportQueryService queries;
    private final ReportReader reader;
    private final ReportAnswers answers;
    private final IngestionConfig config;
    private final Callers callers;
    private final DepartmentRateLimiter rateLimiter;

    public ReportResource(ReportService reports, ReportQueryService queries, ReportReader reader, ReportAnswers answers,
                          IngestionConfig config, Callers callers, DepartmentRateLimiter rateLimiter) {
        this.reports = reports;
        this.queries = queries;
        this.reader = reader;
        this.answers = answers;
        this.config = config;
        this.callers = callers;
        this.rateLimiter = rateLimiter;
    }

    @POST
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report one value", description = "201 with the new revision; 200 with outcome UNCHANGED when "
            + "value, provisional flag and note equal the latest revision; 422 problem with the row code when refused "
            + "(403 FORBIDDEN_INDICATOR for an indicator the caller's department does not own).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "value", value = ReportExamples.REPORT),
            @ExampleObject(name = "withdrawal", value = ReportExamples.WITHDRAWAL)}))
    @APIResponse(responseCode = "201", description = "Stored as a new revision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created",
                    value = ReportExamples.CREATED)))
    @APIResponse(responseCode = "200", description = "Equal to the latest revision: nothing stored")
    @APIResponse(responseCode = "403", description = "The caller's department does not own the indicator")
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still running")
    @APIResponse(responseCode = "429", description = "The department is over its rate: send again after Retry-After")
    @APIResponse(responseCode = "503", description = "Overloaded or the database is not answering: send again after "
            + "Retry-After (with the same Idempotency-Key)")
    @APIResponse(responseCode = "422", description = "Refused, with the row code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "refused",
                    value = ReportExamples.REFUSED)))
    public Uni<Response> submit(@Parameter(description = "makes a retry safe: the same key and body return the first answer")
                                @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                                byte[] body) {
        Caller caller = admitted(body);
        JsonNode tree = reader.parseJson(body);
        Optional<IdempotencyKey> key = key(idempotencyKey).map(k -> IdempotencyKey.ofJson(k, "reports", tree));
        return reports.submit(reader.single(tree), caller, key, answers::single).map(ReportResource::response);
    }

    @POST
    @Path("batch")
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report many values (JSON)", description = "At most 10,000 rows and 5 MB. Rows that are "
            + "refused are listed as conflicts and the rest are stored, unless atomic is true (then nothing is stored "
            + "and the answer is 422 with the summary). dryRun validates and stores nothing. replace {from, to, reason} "
            + "makes the batch replace its indicators' values of the periods within from … to: those it no longer "
            + "holds are withdrawn with the reason; a replace is atomic, and refused whole (403 FORBIDDEN_SCOPE) when "
            + "it reaches an indicator of another department.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "batch",
            value = ReportExamples.BATCH)))
    @APIResponse(responseCode = "200", description = "The import summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "summary",
                    value = ReportExamples.SUMMARY)))
    @APIResponse(responseCode = "413", description = "Over 10,000 rows or 5 MB")
    @APIResponse(responseCode = "400", description = "A body that is not a batch, or a replace that cannot be read "
            + "(REPLACE_INVALID)")
    @APIResponse(responseCode = "403", description = "A replace whose scope reaches an indicator of another department "
            + "(FORBIDDEN_SCOPE): nothing stored")
    @APIResponse(responseCode = "422", description = "An atomic batch with a conflict: nothing stored")
    public Uni<Response> submitBatch(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, byte[] body) {
        Caller caller = admitted(body);
        JsonNode tree = reader.parseJson(body);
        Optional<IdempotencyKey> key = key(idempotencyKey).map(k -> IdempotencyKey.ofJson(k, "reports/batch", tree));
        return submit(reader.batch(tree), caller, key);
    }

    @POST
    @Path("batch")
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Consumes({CSV, "application/csv"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report many values (CSV)", description = "Header indicatorId,period,value,provisional,note,reason "
            + "(source and withdrawn optional). The charset of the Content-Type, else UTF-8 with or without a byte order "
            + "mark, else GB18030 (what Chinese Excel saves). atomic, dryRun and a replace's scope (replaceFrom, "
            + "replaceTo, replaceReason) are query parameters here.")
    @RequestBody(content = @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = ReportExamples.CSV)))
    @APIResponse(responseCode = "200", description = "The import summary")
    public Uni<Response> submitCsv(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                                   @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                   @BeanParam FileBatch options, byte[] body) {
        Caller caller = admitted(body);
        BatchRequest batch = options.request(reader.csv(body, contentType));
        Optional<IdempotencyKey> key = key(idempotencyKey).map(k -> IdempotencyKey.ofBytes(k,
                "reports/batch.csv?" + FileBatch.parameters(batch) + ";" + contentType, body));
        return submit(batch, caller, key);
    }

    @POST
    @Path("batch")
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Consumes(XLSX)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report many values (Excel workbook, .xlsx)", description = "The first sheet: its first row "
            + "is the header of the CSV form, each row below it a report (its index counts from the row below the "
            + "header). Cells are read as they are held, not as displayed; a date in the period column is its month. "
            + "atomic, dryRun and a replace's scope (replaceFrom, replaceTo, replaceReason) are query parameters here.")
    @APIResponse(responseCode = "200", description = "The import summary")
    public Uni<Response> submitXlsx(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, @BeanParam FileBatch options,
                                    byte[] body) {
        Caller caller = admitted(body);
        BatchRequest batch = options.request(reader.xlsx(body));
        Optional<IdempotencyKey> key = key(idempotencyKey).map(k -> IdempotencyKey.ofBytes(k,
                "reports/batch.xlsx?" + FileBatch.parameters(batch), body));
        return submit(batch, caller, key);
    }

    private Uni<Response> submit(BatchRequest batch, Caller caller, Optional<IdempotencyKey> key) {
        return reports.submitBatch(batch, caller, key, verdict -> answers.summary(batch, verdict))
                .map(ReportResource::response);
    }

    /** How a file's rows are stored, named by query parameters as the JSON batch names it in its body. */
    public static class FileBatch {

        @QueryParam("atomic")
        Boolean atomic;

        @QueryParam("dryRun")
        @DefaultValue("false")
        boolean dryRun;

        @QueryParam("replaceFrom")
        String replaceFrom;

        @QueryParam("replaceTo")
        String replaceTo;

        @QueryParam("replaceReason")
        String replaceReason;

        BatchRequest request(List<ReportRow> rows) {
            return ReportReader.request(rows, atomic, dryRun, ReportReader.replace(replaceFrom, replaceTo, replaceReason));
        }

        /** What a retry must repeat, besides the file, to get the first answer. */
        static String parameters(BatchRequest batch) {
            ReplaceScope replace = batch.replace();
            return "atomic=" + batch.atomic() + "&dryRun=" + batch.dryRun() + (replace == null ? ""
                    : "&replace=" + replace.from() + "," + replace.to() + "," + replace.reason());
        }
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every revision, newest first", description = "Optionally of one indicator and period; "
            + "pages count from 0, size at most 500.")
    public Uni<ReportPage> list(@QueryParam("indicatorId") String indicatorId, @QueryParam("period") String period,
                                @QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("50") int size) {
        return queries.list(blankToNull(indicatorId), blankToNull(period), page, size);
    }

    /** The caller, once its department's rate and the body's size let the request through. */
    private Caller admitted(byte[] body) {
        Caller caller = callers.current();
        rateLimiter.admit(caller);
        if (body != null && body.length > config.maxBytes()) {
            throw new PayloadTooLargeException("a request body is at most " + config.maxBytes() + " bytes");
        }
        return caller;
    }

    static Optional<String> key(String header) {
        return IdempotencyKeyHeader.read(header);
    }

    static Response response(WriteAnswer response) {
        return Response.status(response.status()).type(response.type() + ";charset=UTF-8").entity(response.body()).build();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
