package io.planpulse.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/** An RFC 9457 problem body with a stable {@code code} and, for invalid documents, every error found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<ProblemError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One problem of a document: where, which code, and what is wrong. */
    public record ProblemError(String path, String code, String message) {
    }

    public static Problem of(Response.Status status, String code, String detail) {
        return new Problem(type(code), status.getReasonPhrase(), status.getStatusCode(), detail, code, null);
    }

    public static Problem of(int status, String title, String code, String detail) {
        return new Problem(type(code), title, status, detail, code, null);
    }

    public Problem withErrors(List<ProblemError> errors) {
        return new Problem(type, title, status, detail, code, List.copyOf(errors));
    }

    public Response toResponse() {
        return response().build();
    }

    public Response.ResponseBuilder response() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this);
    }

    private static String type(String code) {
        return "urn:planpulse:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
