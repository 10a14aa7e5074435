package io.planpulse.reporting.board;

import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.model.event.RollupUpdated;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.platform.error.NotFoundException;
import io.planpulse.reporting.domain.Figures;
import io.planpulse.reporting.domain.Revision;
import io.planpulse.reporting.domain.Status;
import io.planpulse.reporting.domain.Trend;
import io.planpulse.reporting.progress.Json;
import io.planpulse.reporting.progress.PlanView;
import io.planpulse.reporting.progress.ProgressQueries;
import io.planpulse.reporting.progress.ProgressService;
import io.planpulse.reporting.repository.DefinitionRepository;
import io.planpulse.reporting.repository.ExplanationRepository;
import io.planpulse.reporting.repository.RevisionRepository;
import io.planpulse.reporting.round.ExplanationService;
import io.planpulse.reporting.round.RoundService;
import io.planpulse.reporting.round.RoundView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The board's pages: a plan's tree and one indicator, as known now or at an instant, in one language. */
@ApplicationScoped
public class BoardService {

    /** Lagging and missed first, then the rest by how much they need attention. */
    private static final Comparator<String> ATTENTION = Comparator.comparingInt(
            (String status) -> Status.valueOf(status).severity()).reversed();

    private final Pool pool;
    private final ProgressQueries queries;
    private final DefinitionRepository definitions;
    private final RevisionRepository revisions;
    private final ExplanationRepository explained;
    private final ProgressService progress;
    private final ExplanationService explanations;
    private final RoundService rounds;
    private final Json json;

    public BoardService(Pool pool, ProgressQueries queries, DefinitionRepository definitions, RevisionRepository revisions,
                        ExplanationRepository explained, ProgressService progress, ExplanationService explanations,
                        RoundService rounds, Json json) {
        this.pool = pool;
        this.queries = queries;
        this.definitions = definitions;
        this.revisions = revisions;
        this.explained = explained;
        this.progress = progress;
        this.explanations = explanations;
        this.rounds = rounds;
        this.json = json;
    }

    /**
     * A plan's board, now ({@code day} null) or as it was known at the end of a day in the plan's
     * time zone.
     */
    public Uni<Board> board(String planId, LocalDate day, Board.Filter filter, Lang lang) {
        if (day == null) {
            return board(planId, null, null, filter, lang);
        }
        return pool.withConnection(c -> definitions.plan(c, planId, null)).flatMap(current -> {
            PlanDefined plan = current.orElseThrow(() -> new NotFoundException("there is no plan " + planId));
            return board(planId, endOf(day, plan.timeZone()), day, filter, lang)
                    .onFailure(NotFoundException.class).recoverWithItem(() -> notYet(plan, day, filter, lang));
        });
    }

    private Uni<Board> board(String planId, Instant asOf, LocalDate day, Board.Filter filter, Lang lang) {
        return queries.planView(planId, asOf).flatMap(view -> pool.withConnection(c -> revisions.latest(c,
                view.indicators().keySet(), asOf)).map(revs -> board(view, revs, day, filter, lang)));
    }

    /**
     * A plan's board as a published round showed it (its latest version, or a given one): as of the
     * version's publication (its progress
     * the official as-of answer then, as the round's is), every value of the round corrected since
     * marked on its indicator's row.
     */
    public Uni<Board> round(String planId, Period round, Integer version, Board.Filter filter, Lang lang) {
        return rounds.get(planId, round, version).flatMap(published -> round(published, filter, lang));
    }

    private Uni<Board> round(RoundView round, Board.Filter filter, Lang lang) {
        Instant at = round.publishedAt();
        Map<String, List<String>> corrections = new LinkedHashMap<>();
        round.corrections().forEach(c -> corrections.computeIfAbsent(c.indicatorId(), id -> new ArrayList<>())
                .add(c.period() + ": " + (c.publishedValue() == null ? "—" : c.publishedValue().toPlainString()) + " → "
                        + (c.value() == null ? "—" : c.value().toPlainString())));
        return rounds.shown(round).flatMap(view -> pool.withConnection(c -> revisions.latest(c,
                view.indicators().keySet(), at)).map(revs -> board(view, revs, null, filter, lang,
                new Board.Round(round.round(), round.version(), IndicatorPage.when(at, view.plan().zone()),
                        round.reopened() != null, round.corrections().size()), corrections)));
    }

    /** The board of a day before the plan was known: the plan's name and nothing else. */
    private static Board notYet(PlanDefined plan, LocalDate day, Board.Filter filter, Lang lang) {
        List<Board.Department> depts = plan.departments().stream()
                .map(d -> new Board.Department(d.code(), lang.pick(d.name(), d.nameEn()))).toList();
        Board.Department department = filter.dept() == null ? null : depts.stream()
                .filter(d -> d.code().equals(filter.dept())).findFirst()
                .orElse(new Board.Department(filter.dept(), filter.dept()));
        return new Board(plan.planId(), lang.pick(plan.name(), plan.nameEn()), lang, day,
                endOf(day, plan.timeZone()).toString(), filter, department, counts(Map.of(), lang), 0, List.of(), depts,
                null);
    }

    /** One indicator's page: its progress, its trend, how its status changed, and every revision. */
    public Uni<IndicatorPage> indicator(String indicatorId, LocalDate day, Lang lang) {
        Uni<Instant> asOf = day == null ? Uni.createFrom().nullItem()
                : pool.withConnection(c -> definitions.indicator(c, indicatorId, null)).map(stored -> endOf(day,
                        stored.orElseThrow(() -> new NotFoundException("there is no indicator " + indicatorId)).timeZone()));
        return asOf.flatMap(at -> indicator(indicatorId, at, day, lang));
    }

    private Uni<IndicatorPage> indicator(String indicatorId, Instant at, LocalDate day, Lang lang) {
        return queries.indicator(indicatorId, at).flatMap(doc -> queries.history(indicatorId)
                .onFailure(NotFoundException.class).recoverWithItem(List.of())
                .map(all -> all.stream().filter(h -> at == null || !h.computedAt().isAfter(at)).toList())
                .flatMap(history -> pool.withConnection(c -> {
                    Instant when = at == null ? doc.asOf() : at;
                    return definitions.indicator(c, indicatorId, when).flatMap(stored -> revisions.detailed(c, indicatorId, when)
                            .flatMap(sent -> this.explained.ofIndicator(c, indicatorId, when).flatMap(explained ->
                                    definitions.plan(c, doc.planId(), when).map(plan -> IndicatorPage.of(
                                    stored.orElseThrow(() -> new NotFoundException("there is no indicator " + indicatorId)),
                                    doc, plan.orElse(null), sent, history, explained, day, lang)))));
                })));
    }

    /**
     * The monitoring round's page of a plan: what waits for review and what was sent back (of one
     * department's indicators, or all), and what a round owes in explanations when one is picked.
     */
    public Uni<ReviewPage> review(String planId, String dept, Period round, Lang lang) {
        return queries.planView(planId, null).flatMap(view -> {
            Map<String, PlanView.Entry> shown = new LinkedHashMap<>();
            view.indicators().forEach((id, e) -> {
                if (dept == null || e.stored().definition().owners().contains(dept)) {
                    shown.put(id, e);
                }
            });
            Map<String, String> depts = new LinkedHashMap<>();
            view.plan().departments().forEach(d -> depts.put(d.code(), lang.pick(d.name(), d.nameEn())));
            ZoneId zone = view.plan().zone();
            Function<String, String> name = id -> lang.pick(shown.get(id).stored().definition().name(),
                    shown.get(id).stored().definition().nameEn());
            Uni<ReviewPage.Owed> owed = round == null ? Uni.createFrom().nullItem()
                    : explanations.owed(planId, round, dept).map(o -> new ReviewPage.Owed(o.round(),
                            o.dueDate().toString(), o.published(), o.items().stream()
                            .map(i -> new ReviewPage.Owed.Item(i.indicatorId(), name.apply(i.indicatorId()), i.status(),
                                    label(i.status(), lang), i.overdue(),
                                    i.explanation() == null ? null : i.explanation().cause(),
                                    i.explanation() == null ? null : i.explanation().measures())).toList()));
            return pool.withConnection(c -> revisions.inReview(c, shown.keySet(), "SUBMITTED")
                    .flatMap(waiting -> waiting(c, waiting, shown, depts, zone, name, lang))
                    .flatMap(waiting -> revisions.inReview(c, shown.keySet(), "RETURNED").map(returned ->
                            new Queues(waiting, returned.stream().map(r -> new ReviewPage.Returned(r.indicatorId(),
                                    name.apply(r.indicatorId()), r.stored().revision().period(),
                                    r.stored().revision().revision(), value(r.stored().revision()),
                                    r.stored().reviewComment(),
                                    IndicatorPage.when(r.stored().revision().knownAt(), zone))).toList()))))
                    .flatMap(queues -> owed.flatMap(o -> rounds.list(planId).map(published -> new ReviewPage(planId,
                            lang.pick(view.plan().name(), view.plan().nameEn()), dept,
                            dept == null ? null : depts.getOrDefault(dept, dept), round == null ? null : round.toString(),
                            published.stream().map(r -> new ReviewPage.Round(r.round(), r.version(),
                                    r.reopened() != null, IndicatorPage.when(r.publishedAt(), zone))).toList(),
                            queues.waiting(), queues.returned(), o))));
        });
    }

    private record Queues(List<ReviewPage.Waiting> waiting, List<ReviewPage.Returned> returned) {
    }

    /** Each waiting value with the status it would make, judged one at a time as if approved now. */
    private Uni<List<ReviewPage.Waiting>> waiting(SqlClient c, List<RevisionRepository.InReview> pending,
                                                  Map<String, PlanView.Entry> shown, Map<String, String> depts,
                                                  ZoneId zone, Function<String, String> name, Lang lang) {
        List<ReviewPage.Waiting> out = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RevisionRepository.InReview p : pending) {
            PlanView.Entry entry = shown.get(p.indicatorId());
            chain = chain.chain(() -> progress.ifOfficial(c, entry.stored(), p.stored().revision()).invoke(would -> {
                Revision r = p.stored().revision();
                String now = entry.document().status();
                out.add(new ReviewPage.Waiting(p.indicatorId(), name.apply(p.indicatorId()), r.period(), r.revision(),
                        value(r), official(entry.document(), r.period()),
                        p.stored().dept() == null ? p.stored().subject()
                                : depts.getOrDefault(p.stored().dept(), p.stored().dept()) + " · " + p.stored().subject(),
                        IndicatorPage.when(r.knownAt(), zone), now, label(now, lang), would.status().name(),
                        label(would.status().name(), lang)));
            }).replaceWithVoid());
        }
        return chain.replaceWith(out);
    }

    private static String value(Revision r) {
        return r.withdrawn() || r.value() == null ? "—" : r.value().toPlainString();
    }

    /** The official figure the document shows for this period, where it is the period judged. */
    private static String official(ProgressUpdated document, String period) {
        return period.equals(document.period()) && document.actual() != null
                ? Figures.of(document.kind(), document.unit()).text(document.actual()) : "—";
    }

    private static Board board(PlanView view, Map<String, List<Revision>> revs, LocalDate day, Board.Filter filter,
                               Lang lang) {
        return board(view, revs, day, filter, lang, null, Map.of());
    }

    /**
     * The board of a plan view: {@code round} (else null) the published round it shows, with
     * {@code corrections} each indicator's values corrected since.
     */
    private static Board board(PlanView view, Map<String, List<Revision>> revs, LocalDate day, Board.Filter filter,
                               Lang lang, Board.Round round, Map<String, List<String>> corrections) {
        PlanDefined plan = view.plan();
        Map<String, String> deptNames = new java.util.LinkedHashMap<>();
        plan.departments().forEach(d -> deptNames.put(d.code(), lang.pick(d.name(), d.nameEn())));
        List<Board.Row> shown = new ArrayList<>();
        List<Board.Node> nodes = nodes(plan.nodes(), new Shown(view, revs, filter, lang, deptNames, corrections), shown);
        Map<String, Integer> counts = new java.util.HashMap<>();
        shown.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        Board.Department department = filter.dept() == null ? null
                : new Board.Department(filter.dept(), deptNames.getOrDefault(filter.dept(), filter.dept()));
        return new Board(plan.planId(), lang.pick(plan.name(), plan.nameEn()), lang,
                day, view.asOf().toString(), filter,
                department, counts(counts, lang), shown.size(), nodes,
                deptNames.entrySet().stream().map(e -> new Board.Department(e.getKey(), e.getValue())).toList(), round);
    }

    /** What the rows of a board are made from. */
    private record Shown(PlanView view, Map<String, List<Revision>> revs, Board.Filter filter, Lang lang,
                         Map<String, String> deptNames, Map<String, List<String>> corrections) {
    }

    /** How many shown indicators have each status, worst first; the statuses with data always. */
    private static List<Board.Count> counts(Map<String, Integer> counts, Lang lang) {
        return Arrays.stream(Status.values())
                .sorted(Comparator.comparingInt(Status::severity).reversed())
                .map(s -> new Board.Count(s.name(), label(s.name(), lang), counts.getOrDefault(s.name(), 0)))
                .filter(c -> c.count() > 0 || Status.valueOf(c.status()).hasData())
                .toList();
    }

    private static List<Board.Node> nodes(List<PlanNode> nodes, Shown in, List<Board.Row> shown) {
        List<Board.Node> out = new ArrayList<>();
        for (PlanNode node : nodes) {
            List<Board.Row> rows = node.indicators().stream().map(in.view().indicators()::get).filter(Objects::nonNull)
                    .filter(e -> matches(e, in.filter()))
                    .map(e -> row(e, in))
                    .sorted(Comparator.comparing(Board.Row::status, ATTENTION))
                    .toList();
            shown.addAll(rows);
            List<Board.Node> children = nodes(node.children(), in, shown);
            if (rows.isEmpty() && children.isEmpty() && in.filter().any()) {
                continue;
            }
            RollupUpdated rollup = in.view().rollups().get(RollupUpdated.nodeKey(in.view().plan().planId(), node.id()));
            String status = rollup == null ? Status.NO_DATA.name() : rollup.status();
            out.add(new Board.Node(node.id(), in.lang().pick(node.name(), node.nameEn()), status,
                    label(status, in.lang()), rows, children));
        }
        out.sort(Comparator.comparing(Board.Node::status, ATTENTION));
        return out;
    }

    private static boolean matches(PlanView.Entry e, Board.Filter filter) {
        Indicator d = e.stored().definition();
        return (filter.dept() == null || d.owners().contains(filter.dept()))
                && (filter.status() == null || filter.status().equals(e.document().status()))
                && (filter.binding() == null || filter.binding() == d.binding());
    }

    private static Board.Row row(PlanView.Entry e, Shown in) {
        Lang lang = in.lang();
        Map<String, String> deptNames = in.deptNames();
        List<Revision> revs = in.revs().getOrDefault(e.stored().indicatorId(), List.of());
        Instant asOf = in.view().asOf();
        ProgressUpdated p = e.document();
        Indicator d = e.stored().definition();
        String name = lang.pick(d.name(), d.nameEn());
        Figures f = Figures.of(p.kind(), p.unit());
        return new Board.Row(p.indicatorId(), name, p.kind(), lang.pick(p.unit(), d.unitEn()), p.status(),
                label(p.status(), lang), d.binding(),
                d.owners().stream().map(o -> new Board.Department(o, deptNames.getOrDefault(o, o))).toList(),
                p.period(), number(f, p.actual()), number(f, p.target()), number(f, p.expected()), Board.percent(p.progress()),
                Board.percent(p.expectedProgress()), number(f, p.forecast()), p.forecastMeetsTarget(), required(p, lang), p.late(),
                p.provisional(), p.explanation() == null ? null : lang.pick(p.explanation().zh(), p.explanation().en()),
                TrendChart.sparkline(Trend.of(revs, d, asOf), p.target(), f, name),
                in.corrections().getOrDefault(p.indicatorId(), List.of()));
    }

    /**
     * What it still takes to reach the target, where the kind says: a yearly rate or an amount per
     * period; nothing once no more is needed.
     */
    public static String required(ProgressUpdated p, Lang lang) {
        if (p.requiredPerPeriod() != null && p.requiredPerPeriod() <= 0) {
            return null;
        }
        if (p.requiredRate() != null) {
            String rate = Figures.PERCENT.text(p.requiredRate());
            return lang.pick("尚需年均 " + rate + "%", "needs " + rate + " % a year");
        }
        if (p.requiredPerPeriod() != null) {
            String amount = Figures.of(p.kind(), p.unit()).text(p.requiredPerPeriod());
            return lang.pick("尚需每期 " + amount, "needs " + amount + " a period");
        }
        return null;
    }

    /**
     * The gap in the indicator's unit, and as a share of the target, "more is better" signed (DESIGN
     * §3: a DOWN indicator's gap is already negated): LEVEL's and CUMULATIVE's gap is a share of the
     * way (of the planned change from the baseline, of the target) and becomes an amount by it;
     * a rate's gap is in percentage points and its share is of the target rate; THRESHOLD's is in the
     * unit and its share of the bound; a difference of values in % is in percentage points. Null
     * where the progress has no gap.
     */
    public static String gap(ProgressUpdated p, String unit, Lang lang) {
        if (p.gap() == null) {
            return null;
        }
        Double amount;
        Double share;
        Figures f = Figures.of(p.kind(), p.unit());
        // a difference of percentages is in percentage points, whatever the kind
        String in = unit != null && unit.trim().equals("%") ? lang.pick("个百分点", "percentage points") : unit;
        switch (p.kind()) {
            case "LEVEL" -> {
                amount = p.target() == null || p.baseline() == null ? null
                        : p.gap() * Math.abs(p.target() - p.baseline());
                share = p.gap();
            }
            case "CUMULATIVE" -> {
                amount = p.target() == null ? null : p.gap() * Math.abs(p.target());
                share = p.gap();
            }
            case "GROWTH", "AVERAGE_GROWTH", "RELATIVE" -> {
                amount = p.gap();
                share = shareOf(p.gap(), p.target());
                in = lang.pick("个百分点", "percentage points");
            }
            default -> { // THRESHOLD
                amount = p.gap();
                share = shareOf(p.gap(), p.target());
            }
        }
        boolean level = p.kind().equals("LEVEL");
        String percent = share == null ? null : Figures.PERCENT.signed(share * 100) + "%";
        String shareText = percent == null ? null : lang.pick((level ? "占规划增量 " : "占目标 ") + percent,
                percent + (level ? " of the planned change" : " of the target"));
        if (amount == null) {
            return shareText;
        }
        String inUnit = f.signed(amount) + (in == null ? "" : " " + in);
        return shareText == null ? inUnit : inUnit + lang.pick("（" + shareText + "）", " (" + shareText + ")");
    }

    private static Double shareOf(double gap, Double of) {
        return of == null || Math.abs(of) < 1e-12 ? null : gap / Math.abs(of);
    }

    public static String label(String status, Lang lang) {
        Status s = Status.valueOf(status);
        return lang.pick(s.zh(), s.en());
    }

    /** A figure by the one rule (DESIGN §7), null where there is none: the templates show the dash. */
    static String number(Figures f, Double v) {
        return v == null ? null : f.text(v);
    }

    /** The end of a day in a time zone: the instant a board "as of that day" is computed at. */
    static Instant endOf(LocalDate day, String timeZone) {
        return day.plusDays(1).atStartOfDay(ZoneId.of(timeZone)).toInstant();
    }
}
