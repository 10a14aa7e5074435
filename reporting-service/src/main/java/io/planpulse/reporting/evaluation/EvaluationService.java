package io.planpulse.reporting.evaluation;

import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.plan.Period;
import io.planpulse.platform.error.InvalidRequestException;
import io.planpulse.platform.error.NotFoundException;
import io.planpulse.reporting.board.Lang;
import io.planpulse.reporting.progress.PlanView;
import io.planpulse.reporting.progress.ProgressQueries;
import io.planpulse.reporting.repository.ExplanationRepository;
import io.planpulse.reporting.repository.RevisionRepository;
import io.planpulse.reporting.round.RoundService;
import io.planpulse.reporting.round.RoundView;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a plan's evaluation report (DESIGN §7, "The evaluation report"): gathers what it is
 * written from (the plan at its instant or as a round published it, on its basis; the charts'
 * values; what was received; the departments' explanations; the last round before it), then lays
 * it out as DOCX or PDF into a scratch file, off the event loop.
 */
@ApplicationScoped
public class EvaluationService {

    /** The formats the report is written in. */
    public enum Format {
        DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        PDF("pdf", "application/pdf");

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public String extension() {
            return extension;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    /** What a reader asked for: a plan, or a department's part of it, at an instant or as a round published it. */
    public record Request(String planId, String dept, Instant asOf, Period round, Integer version,
                          Evaluation.Basis basis, Evaluation.Type type, Lang lang, Format format) {
    }

    /** A written report: its scratch file (the caller's to delete once sent) and the name to give it. */
    public record Written(Path file, String fileName, Format format) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Pool pool;
    private final ProgressQueries queries;
    private final RevisionRepository revisions;
    private final ExplanationRepository explanations;
    private final RoundService rounds;
    private final Clock clock;

    public EvaluationService(Pool pool, ProgressQueries queries, RevisionRepository revisions,
                             ExplanationRepository explanations, RoundService rounds, Clock clock) {
        this.pool = pool;
        this.queries = queries;
        this.revisions = revisions;
        this.explanations = explanations;
        this.rounds = rounds;
        this.clock = clock;
    }

    /** Writes the report asked for into a scratch file. */
    public Uni<Written> write(Request r) {
        if (r.round() != null && r.asOf() != null) {
            throw new InvalidRequestException("ROUND_OR_AS_OF", "name either a round or an instant (asOf), not both");
        }
        if (r.round() != null && r.basis() == Evaluation.Basis.SUBMITTED) {
            throw new InvalidRequestException("ROUND_IS_OFFICIAL", "a published round is on the official basis; "
                    + "leave basis out or set it to official");
        }
        Uni<Shown> shown = r.round() != null
                ? rounds.get(r.planId(), r.round(), r.version()).flatMap(v -> rounds.shown(v).map(view -> new Shown(view, v)))
                : queries.planView(r.planId(), r.asOf(), r.basis() == Evaluation.Basis.SUBMITTED)
                        .map(view -> new Shown(view, null));
        return shown.flatMap(s -> gather(r, s)).emitOn(Infrastructure.getDefaultWorkerPool()).map(e -> lay(r, e));
    }

    private record Shown(PlanView view, RoundView round) {
    }

    private Uni<Evaluation> gather(Request r, Shown s) {
        PlanView view = s.view();
        PlanDefined plan = view.plan();
        String deptName = null;
        if (r.dept() != null) {
            deptName = plan.departments().stream().filter(d -> d.code().equals(r.dept())).findFirst()
                    .map(d -> r.lang().pick(d.name(), d.nameEn()))
                    .orElseThrow(() -> new NotFoundException("plan " + plan.planId() + " has no department " + r.dept()));
        }
        Instant at = view.asOf();
        Instant readAt = s.round() == null ? r.asOf() : at;
        ZoneId zone = plan.zone();
        List<String> ids = List.copyOf(view.indicators().keySet());
        String dept = deptName;
        // three reads on one connection, pipelined
        return pool.withConnection(c -> Uni.combine().all().unis(r.basis() == Evaluation.Basis.SUBMITTED
                                ? revisions.latestReceived(c, ids, readAt) : revisions.latest(c, ids, readAt),
                        revisions.received(c, ids, readAt), explanations.latestOf(c, ids, at)).asTuple())
                .flatMap(read -> previous(plan.planId(), at, s.round()).map(previous -> new Evaluation(view, r.dept(),
                        dept, r.type() != null ? r.type() : defaultType(plan, at), r.basis(), r.lang(),
                        WHEN.format(at.atZone(zone)), s.round() == null ? null : new Evaluation.Round(s.round().round(),
                                s.round().version(), WHEN.format(s.round().publishedAt().atZone(zone))),
                        read.getItem1(), read.getItem2(), read.getItem3(), previous.orElse(null),
                        WHEN.format(clock.instant().atZone(zone)))));
    }

    /**
     * The last round published before the report's instant (a round's report: before its own
     * publication), with each indicator's document as it published it.
     */
    private Uni<Optional<Evaluation.Previous>> previous(String planId, Instant at, RoundView shown) {
        return rounds.list(planId).flatMap(all -> {
            Optional<RoundView> last = all.stream()
                    .filter(v -> shown == null ? !v.publishedAt().isAfter(at) : v.publishedAt().isBefore(shown.publishedAt()))
                    .max(Comparator.comparing(RoundView::publishedAt));
            if (last.isEmpty()) {
                return Uni.createFrom().item(Optional.empty());
            }
            RoundView v = last.get();
            return rounds.get(planId, Period.parse(v.round()).orElseThrow(), v.version()).flatMap(rounds::shown)
                    .map(view -> {
                        Map<String, io.planpulse.model.event.ProgressUpdated> documents = new HashMap<>();
                        view.indicators().forEach((id, e) -> documents.put(id, e.document()));
                        ZoneId zone = view.plan().zone();
                        return Optional.of(new Evaluation.Previous(v.round(), v.version(),
                                WHEN.format(v.publishedAt().atZone(zone)), documents));
                    });
        });
    }

    /** A report after the plan's window is its final evaluation; one within it, a monitoring report. */
    static Evaluation.Type defaultType(PlanDefined plan, Instant at) {
        Period last = Period.parse(plan.window().to()).orElseThrow();
        Instant end = last.end().plusDays(1).atStartOfDay(plan.zone()).toInstant();
        return at.isBefore(end) ? Evaluation.Type.MONITORING : Evaluation.Type.FINAL;
    }

    /** Lays the report out into a scratch file: blocking work, on a worker thread. */
    private static Written lay(Request r, Evaluation e) {
        String title = r.lang().pick(e.view().plan().name(), e.view().plan().nameEn()) + " " + e.type().title(r.lang());
        try {
            Path file = Files.createTempFile("planpulse-evaluation-", "." + r.format().extension());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                 ReportSink sink = r.format() == Format.PDF ? new PdfWriter(out, title) : new DocxWriter(out, title)) {
                EvaluationContent.write(e, sink);
                sink.finish();
            } catch (IOException | RuntimeException failed) {
                Files.deleteIfExists(file);
                throw failed;
            }
            String name = e.view().plan().planId() + (r.dept() == null ? "" : "-" + r.dept()) + "-"
                    + e.type().name().toLowerCase(java.util.Locale.ROOT) + (e.round() == null ? "" : "-" + e.round().round()
                    + "-v" + e.round().version()) + "." + r.format().extension();
            return new Written(file, name, r.format());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
