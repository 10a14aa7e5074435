package io.planpulse.indicators.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.indicators.domain.BatchVerdict;
import io.planpulse.indicators.domain.Outcome;
import io.planpulse.indicators.domain.RowCode;
import io.planpulse.indicators.domain.RowIssue;
import io.planpulse.indicators.domain.RowResult;
import io.planpulse.indicators.service.BatchRequest;
import io.planpulse.indicators.service.WriteAnswer;
import io.planpulse.platform.rest.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

/**
 * The answers to report writes (DESIGN §5), made from the rows' results: one report is 201 with its
 * revision, 200 when unchanged, 422 (403 for another department's indicator) as a problem when
 * refused; a batch is 200 with its import summary, 422 with it when an atomic batch has a conflict,
 * or 403 when a replace's scope reaches another department's indicators.
 */
@ApplicationScoped
public class ReportAnswers {

    private static final String JSON = MediaType.APPLICATION_JSON;

    private final ObjectMapper json;

    public ReportAnswers(ObjectMapper json) {
        this.json = json;
    }

    WriteAnswer single(RowResult result) {
        if (result instanceof RowResult.Rejected rejected) {
            int status = rejected.issue().code() == RowCode.FORBIDDEN_INDICATOR ? 403 : 422;
            Problem problem = Problem.of(status, status == 403 ? "Forbidden" : "Unprocessable Content",
                    rejected.issue().code().name(), rejected.issue().message());
            return new WriteAnswer(status, Problem.MEDIA_TYPE, write(problem));
        }
        RowResult.Accepted accepted = (RowResult.Accepted) result;
        ReportResponse body = new ReportResponse(accepted.key().indicatorId(), accepted.key().period(),
                accepted.revision(), accepted.outcome(), accepted.warnings().stream()
                .map(w -> new ReportResponse.WarningView(w.code().name(), w.message())).toList(), accepted.review());
        return new WriteAnswer(accepted.outcome() == Outcome.UNCHANGED ? 200 : 201, JSON, write(body));
    }

    WriteAnswer summary(BatchRequest batch, BatchVerdict verdict) {
        if (verdict.refusal().isPresent()) {
            RowIssue refusal = verdict.refusal().get();
            return new WriteAnswer(403, Problem.MEDIA_TYPE, write(Problem.of(403, "Forbidden", refusal.code().name(),
                    refusal.message())));
        }
        BatchSummary summary = BatchSummary.of(batch, verdict);
        if (batch.atomic() && summary.rejected() > 0) {
            return new WriteAnswer(422, Problem.MEDIA_TYPE, write(summary.asProblem(
                    "the atomic batch has " + summary.rejected() + " conflict(s); nothing was stored")));
        }
        return new WriteAnswer(200, JSON, write(summary));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response always serialises", e);
        }
    }
}
