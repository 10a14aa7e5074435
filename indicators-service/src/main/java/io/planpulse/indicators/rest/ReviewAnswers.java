package io.planpulse.indicators.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.indicators.domain.ReviewJudge;
import io.planpulse.indicators.service.ReviewService;
import io.planpulse.indicators.service.WriteAnswer;
import io.planpulse.model.event.ReviewState;
import io.planpulse.platform.rest.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * The answers to a review: 200 with every revision decided, or, when refused, a problem with the
 * status and code of its first refusal and every refusal in {@code errors} (nothing decided).
 */
@ApplicationScoped
public class ReviewAnswers {

    /** What a review decided. */
    public record Reviewed(ReviewState decision, Instant reviewedAt, int count, List<Revision> revisions) {

        public record Revision(String indicatorId, String period, int revision) {
        }
    }

    private final ObjectMapper json;

    public ReviewAnswers(ObjectMapper json) {
        this.json = json;
    }

    WriteAnswer answer(ReviewService.Outcome outcome) {
        ReviewJudge.Verdict verdict = outcome.verdict();
        if (!verdict.refusals().isEmpty()) {
            ReviewJudge.Refusal first = verdict.refusals().get(0);
            int status = first.code().status();
            Response.Status known = Response.Status.fromStatusCode(status);
            Problem problem = Problem.of(status, known == null ? "Unprocessable Content" : known.getReasonPhrase(),
                    first.code().name(), verdict.refusals().size() == 1 ? first.message()
                            : first.message() + " (and " + (verdict.refusals().size() - 1) + " more: see errors)")
                    .withErrors(verdict.refusals().stream()
                            .map(r -> new Problem.ProblemError(r.path(), r.code().name(), r.message())).toList());
            return new WriteAnswer(status, Problem.MEDIA_TYPE, write(problem));
        }
        List<Reviewed.Revision> revisions = verdict.decided().stream()
                .map(t -> new Reviewed.Revision(t.key().indicatorId(), t.key().period(), t.revision())).toList();
        return new WriteAnswer(200, MediaType.APPLICATION_JSON, write(new Reviewed(
                outcome.request().action().decision(), outcome.at(), revisions.size(), revisions)));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response always serialises", e);
        }
    }
}
