package io.planpulse.reporting.evaluation;

import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.reporting.board.BoardService;
import io.planpulse.reporting.board.Lang;
import io.planpulse.reporting.domain.Figures;
import io.planpulse.reporting.domain.Status;
import io.planpulse.reporting.domain.Trend;
import io.planpulse.reporting.domain.TrendPoint;
import io.planpulse.reporting.progress.PlanView;
import io.planpulse.reporting.repository.ExplanationRepository.StoredExplanation;
import io.planpulse.reporting.repository.RevisionRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the evaluation report says, block by block (DESIGN §7, "The evaluation report"): a cover, a
 * summary written from the figures, the indicator table, a chapter per task of the plan tree and
 * an appendix. It decides every word and number once; the writers only lay them out.
 */
public final class EvaluationContent {

    /** The lagging statuses: those a chapter charts and the summary names the gaps of. */
    private static final Set<String> LAGGING = Set.of("AT_RISK", "OFF_TRACK", "MISSED");
    /** How many of the largest gaps the summary names. */
    private static final int GAPS_NAMED = 5;

    private final Evaluation e;
    private final Lang lang;
    private final ReportSink sink;
    /** The indicators in the report, in the plan's order: the department's, or all. */
    private final List<PlanView.Entry> shown;

    private EvaluationContent(Evaluation e, ReportSink sink) {
        this.e = e;
        this.lang = e.lang();
        this.sink = sink;
        Set<String> order = new LinkedHashSet<>();
        e.view().plan().nodes().forEach(n -> treeOrder(n, order));
        order.addAll(e.view().indicators().keySet()); // any the tree does not list, last
        this.shown = order.stream().map(e.view().indicators()::get).filter(Objects::nonNull)
                .filter(i -> e.dept() == null || i.stored().definition().owners().contains(e.dept())).toList();
    }

    /** The plan's indicators as its tree lists them, depth first: the order of every list in the report. */
    private static void treeOrder(PlanNode node, Set<String> out) {
        out.addAll(node.indicators());
        node.children().forEach(c -> treeOrder(c, out));
    }

    /** Writes the report of this evaluation into the sink. */
    public static void write(Evaluation e, ReportSink sink) throws IOException {
        new EvaluationContent(e, sink).write();
    }

    private void write() throws IOException {
        PlanDefined plan = e.view().plan();
        List<String> lines = new ArrayList<>();
        if (e.dept() != null) {
            lines.add(lang.pick("部门：", "Department: ") + e.deptName());
        }
        lines.add(lang.pick("规划期：", "Plan period: ") + plan.window().from() + "–" + plan.window().to());
        lines.add(e.round() != null
                ? lang.pick(e.round().round() + " 轮次第 " + e.round().version() + " 版（发布于 " + e.round().publishedAt() + "）",
                        "Round " + e.round().round() + ", version " + e.round().version() + " (published "
                                + e.round().publishedAt() + ")")
                : lang.pick("数据截至：", "Figures as of: ") + e.asOf());
        lines.add(lang.pick("口径：", "Basis: ") + e.basis().label(lang));
        sink.cover(new ReportSink.Cover(lang.pick(plan.name(), plan.nameEn()), e.type().title(lang), lines,
                lang.pick("planpulse 依据各部门报送数据生成 · ", "Written by planpulse from the departments' figures · ")
                        + e.generatedAt()));
        summary();
        table();
        chapters();
        appendix();
    }

    // --- 一、总体情况 ---------------------------------------------------------------------------

    private void summary() throws IOException {
        sink.add(new Block.Heading(1, lang.pick("一、总体情况", "1. Summary")));
        List<PlanView.Entry> judged = shown.stream().filter(i -> !status(i).equals("NO_TARGET")).toList();
        long monitored = shown.size() - judged.size();
        List<PlanView.Entry> binding = judged.stream().filter(i -> i.stored().definition().binding()).toList();
        String scope = e.dept() == null ? "" : lang.pick(e.deptName() + "牵头或参与的", e.deptName() + "'s ");
        String when = e.round() != null ? lang.pick(e.round().round() + " 轮次发布时", "As the round " + e.round().round()
                + " was published") : lang.pick("截至" + e.asOf(), "As of " + e.asOf());
        sink.add(Block.Paragraph.of(lang.pick(
                when + "，" + scope + "纳入评价的 " + judged.size() + " 项指标中，" + counts(judged) + "。"
                        + (monitored > 0 ? "另有监测指标 " + monitored + " 项，只列数据，不作评价。" : ""),
                when + ", of the " + judged.size() + " " + scope + "indicators judged, " + counts(judged) + "."
                        + (monitored > 0 ? " " + monitored + " more are monitored series, shown but not judged." : ""))));
        sink.add(new Block.Paragraph(lang.pick("约束性指标：", "Binding indicators: "), binding.isEmpty()
                ? lang.pick("本范围内没有约束性指标。", "there are none in this scope.")
                : lang.pick(binding.size() + " 项，" + counts(binding) + "。", binding.size() + ", " + counts(binding) + ".")));
        List<PlanView.Entry> anticipatory = judged.stream().filter(i -> !i.stored().definition().binding()).toList();
        if (!anticipatory.isEmpty()) {
            sink.add(new Block.Paragraph(lang.pick("预期性指标：", "Anticipatory indicators: "),
                    lang.pick(anticipatory.size() + " 项，" + counts(anticipatory) + "。",
                            anticipatory.size() + ", " + counts(anticipatory) + ".")));
        }
        List<PlanView.Entry> gaps = judged.stream().filter(i -> LAGGING.contains(status(i)))
                .sorted(Comparator.comparing((PlanView.Entry i) -> !i.stored().definition().binding())
                        .thenComparing(i -> -Status.valueOf(status(i)).severity())
                        .thenComparing(i -> i.document().gap() == null ? 0 : i.document().gap()))
                .limit(GAPS_NAMED).toList();
        if (gaps.isEmpty()) {
            sink.add(new Block.Paragraph(lang.pick("差距：", "Gaps: "),
                    lang.pick("没有滞后或未完成的指标。", "no indicator lags or was missed.")));
            return;
        }
        sink.add(new Block.Paragraph(lang.pick("差距最大的指标：", "The largest gaps: "), null));
        for (PlanView.Entry i : gaps) {
            ProgressUpdated d = i.document();
            String gap = BoardService.gap(d, unit(i), lang);
            String required = BoardService.required(d, lang);
            sink.add(Block.Paragraph.of("· " + name(i) + lang.pick("（" + label(d.status()) + "）", " (" + label(d.status())
                    + ")") + (gap == null ? "" : lang.pick("：差距 ", ": gap ") + gap)
                    + (required == null ? "" : lang.pick("；", "; ") + required) + lang.pick("。", ".")));
        }
    }

    /** "已完成 2 项、序时推进 5 项、…": each status that occurs, most severe last as a reader expects. */
    private String counts(List<PlanView.Entry> entries) {
        Map<Status, Long> by = new EnumMap<>(Status.class);
        entries.forEach(i -> by.merge(Status.valueOf(status(i)), 1L, Long::sum));
        if (by.isEmpty()) {
            return lang.pick("无", "none");
        }
        List<Status> order = List.of(Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.MISSED,
                Status.NO_DATA);
        return order.stream().filter(by::containsKey).map(s -> lang.pick(s.zh() + " " + by.get(s) + " 项",
                by.get(s) + " " + s.en().toLowerCase(java.util.Locale.ROOT))).collect(Collectors.joining(lang.pick("、", ", ")));
    }

    // --- 二、主要指标完成情况 ---------------------------------------------------------------------

    private void table() throws IOException {
        sink.add(new Block.Heading(1, lang.pick("二、主要指标完成情况", "2. The indicators")));
        List<PlanView.Entry> ordered = new ArrayList<>(shown);
        // the binding ones first, as such tables list them; the plan's order within each
        ordered.sort(Comparator.comparing((PlanView.Entry i) -> !i.stored().definition().binding()));
        boolean anyProvisional = false;
        boolean anyLate = false;
        List<List<String>> rows = new ArrayList<>();
        for (PlanView.Entry i : ordered) {
            ProgressUpdated d = i.document();
            Indicator def = i.stored().definition();
            Figures f = Figures.of(d.kind(), d.unit());
            String current = d.actual() == null ? "—" : f.text(d.actual()) + "\n" + when(d.period())
                    + (d.provisional() ? "①" : "") + (d.late() ? "②" : "");
            anyProvisional |= d.provisional() && d.actual() != null;
            anyLate |= d.late() && d.actual() != null;
            rows.add(List.of(name(i), figuresUnit(i), attribute(def), baseline(i, f), target(i, f), current,
                    progress(d), label(d.status())));
        }
        List<String> notes = new ArrayList<>();
        if (anyProvisional) {
            notes.add(lang.pick("① 快报数（初步数据），以正式数据为准。", "① A provisional figure, to be replaced by the final one."));
        }
        if (anyLate) {
            notes.add(lang.pick("② 最近一期数据逾期未报，当前值为此前报送的最新数据。",
                    "② The latest period is overdue; the figure is the latest one sent before it."));
        }
        notes.add(lang.pick("数值按统一规则显示：比率与百分点保留一位小数，金额两位，计数取整，千位以逗号分隔。",
                "Figures follow one rule: rates and points to one decimal, money to two, counts whole, thousands separated by commas."));
        sink.add(new Block.Table(lang == Lang.ZH
                ? List.of("指标", "单位", "属性", "基期值", "目标值", "当前值", "进度", "评价")
                : List.of("Indicator", "Unit", "Type", "Baseline", "Target", "Latest", "Progress", "Assessment"),
                List.of(0.17, 0.09, 0.07, 0.14, 0.17, 0.17, 0.08, 0.11), rows, notes));
    }

    /** The unit the indicator's figures are in: a growth kind's are rates, a RELATIVE's percentage points. */
    private String figuresUnit(PlanView.Entry i) {
        return switch (i.document().kind()) {
            case "GROWTH", "AVERAGE_GROWTH" -> "%";
            case "RELATIVE" -> lang.pick("个百分点", "pp");
            case "MILESTONE" -> lang.pick("阶段", "stages");
            default -> Objects.requireNonNullElse(unit(i), "");
        };
    }

    private String attribute(Indicator d) {
        if (d.kind().name().equals("SERIES")) {
            return lang.pick("监测", "monitored");
        }
        return d.binding() ? lang.pick("约束性", "binding") : lang.pick("预期性", "anticipatory");
    }

    /** The base period's value: a LEVEL's, from the plan or as reported (another kind's baseline is a comparison's). */
    private String baseline(PlanView.Entry i, Figures f) {
        Indicator d = i.stored().definition();
        Double value = i.document().baseline();
        if (value == null || !d.kind().name().equals("LEVEL")) {
            return "—";
        }
        String period = d.baseline() == null ? null : d.baseline().period();
        return f.text(value) + (period == null ? "" : "\n" + when(period));
    }

    private String target(PlanView.Entry i, Figures f) {
        Indicator d = i.stored().definition();
        if (d.target() == null) {
            return "—";
        }
        String when = d.target().period() != null ? d.target().period() : d.target().from() + "–" + d.target().to();
        String value = d.kind().name().equals("MILESTONE")
                ? lang.pick("完成全部阶段", "all stages")
                : i.document().target() == null ? "—" : f.text(i.document().target());
        return value + "\n" + when(when);
    }

    /** A table cell's period, on its own line below the figure. */
    private String when(String period) {
        return lang.pick("（" + period + "）", "(" + period + ")");
    }

    private static String progress(ProgressUpdated d) {
        return d.progress() == null ? "—" : Figures.percentOfShare(d.progress());
    }

    // --- 三、分领域进展 -------------------------------------------------------------------------

    private void chapters() throws IOException {
        sink.add(new Block.Heading(1, lang.pick("三、分领域进展", "3. Progress by task")));
        Set<String> inScope = shown.stream().map(i -> i.stored().indicatorId()).collect(Collectors.toSet());
        int n = 0;
        for (PlanNode node : e.view().plan().nodes()) {
            if (holdsAny(node, inScope)) {
                n++;
                node(node, lang.pick("（" + chineseNumber(n) + "）", "3." + n + " "), 2, inScope);
            }
        }
    }

    private void node(PlanNode node, String prefix, int level, Set<String> inScope) throws IOException {
        sink.add(new Block.Heading(Math.min(level, 3), prefix + lang.pick(node.name(), node.nameEn())));
        for (String id : node.indicators()) {
            if (inScope.contains(id)) {
                indicator(e.view().indicators().get(id));
            }
        }
        for (PlanNode child : node.children()) {
            if (holdsAny(child, inScope)) {
                node(child, "", level + 1, inScope);
            }
        }
    }

    private static boolean holdsAny(PlanNode node, Set<String> inScope) {
        return node.indicators().stream().anyMatch(inScope::contains)
                || node.children().stream().anyMatch(c -> holdsAny(c, inScope));
    }

    private void indicator(PlanView.Entry i) throws IOException {
        ProgressUpdated d = i.document();
        Indicator def = i.stored().definition();
        sink.add(new Block.Paragraph(name(i) + lang.pick("（" + label(d.status()) + "）", " (" + label(d.status()) + ")")
                + lang.pick("：", ": "), d.explanation() == null ? null : lang.pick(d.explanation().zh(), d.explanation().en())));
        String required = BoardService.required(d, lang);
        if (required != null && LAGGING.contains(d.status())) {
            sink.add(new Block.Paragraph(lang.pick("要实现目标：", "To reach the target: "), required + lang.pick("。", ".")));
        }
        StoredExplanation x = e.explanations().get(def.id());
        if (x != null) {
            sink.add(new Block.Paragraph(lang.pick("部门说明（" + x.round() + " 轮次）：", "The department's explanation (round "
                    + x.round() + "): "), lang.pick("原因：", "Cause: ") + x.cause() + lang.pick("；措施：", "; measures: ")
                    + x.measures() + (x.expectedRecovery() == null || x.expectedRecovery().isBlank() ? ""
                    : lang.pick("；预计恢复：", "; expected recovery: ") + x.expectedRecovery())));
        }
        if (def.binding() || LAGGING.contains(d.status())) {
            List<TrendPoint> points = Trend.of(e.revisions().getOrDefault(def.id(), List.of()), def, e.view().asOf());
            if (!points.isEmpty()) {
                Figures f = Figures.ofUnit(trendUnit(i));
                Double target = d.target();
                sink.add(new Block.Chart(name(i), trendUnit(i), points.stream().map(TrendPoint::period).toList(),
                        points.stream().map(TrendPoint::value).toList(), points.stream().map(TrendPoint::provisional).toList(),
                        chartsTarget(i) ? target : null, points.stream().map(p -> f.text(p.value())).toList(),
                        chartsTarget(i) && target != null ? f.text(target) : null,
                        lang.pick("报送值", "reported"), lang.pick("目标", "target")));
            }
        }
    }

    /**
     * The unit a trend chart's values are in: what departments report. A growth kind reported as
     * amounts draws the amounts, in its unit; reported as rates, rates.
     */
    private String trendUnit(PlanView.Entry i) {
        Indicator d = i.stored().definition();
        boolean amounts = d.input() != null && d.input().name().equals("AMOUNT");
        return switch (d.kind().name()) {
            case "GROWTH", "AVERAGE_GROWTH" -> amounts ? unit(i) : "%";
            default -> unit(i);
        };
    }

    /** The target is drawn where it is in the drawn values' unit: not a growth rate over amounts. */
    private static boolean chartsTarget(PlanView.Entry i) {
        Indicator d = i.stored().definition();
        boolean growth = d.kind().name().equals("GROWTH") || d.kind().name().equals("AVERAGE_GROWTH");
        return !(growth && d.input() != null && d.input().name().equals("AMOUNT"))
                && !d.kind().name().equals("MILESTONE") && !d.kind().name().equals("RELATIVE");
    }

    // --- 附录 ----------------------------------------------------------------------------------

    private void appendix() throws IOException {
        sink.add(new Block.PageBreak());
        sink.add(new Block.Heading(1, lang.pick("附录", "Appendix")));
        sink.add(new Block.Heading(2, lang.pick("（一）数据来源与修订", "A. Sources and revisions")));
        Map<String, String> deptNames = e.view().plan().departments().stream().collect(Collectors.toMap(
                d -> d.code(), d -> lang.pick(d.name(), d.nameEn()), (a, b) -> a));
        List<List<String>> rows = new ArrayList<>();
        for (PlanView.Entry i : shown) {
            RevisionRepository.Received s = e.sources().get(i.stored().indicatorId());
            rows.add(List.of(name(i), i.stored().definition().owners().stream()
                            .map(o -> deptNames.getOrDefault(o, o)).collect(Collectors.joining(lang.pick("、", ", "))),
                    s == null || s.sources().isEmpty() ? "—" : String.join(lang.pick("、", ", "), s.sources()),
                    s == null ? "0" : Figures.COUNT.text((double) s.revisions()),
                    i.document().period() == null ? "—" : i.document().period()));
        }
        sink.add(new Block.Table(lang == Lang.ZH ? List.of("指标", "责任部门", "数据来源", "修订次数", "最新数据期")
                : List.of("Indicator", "Departments", "Sources", "Revisions", "Latest period"),
                List.of(0.30, 0.22, 0.24, 0.11, 0.13), rows, List.of(lang.pick(
                        "修订次数：截至报告时点收到的全部修订（含更正与撤回）。",
                        "Revisions: every revision received by the report's instant, corrections and withdrawals included."))));
        sink.add(new Block.Heading(2, lang.pick("（二）与上一轮发布相比的变化", "B. Changes since the last published round")));
        Evaluation.Previous p = e.previous();
        if (p == null) {
            sink.add(Block.Paragraph.of(lang.pick("此前没有已发布的监测轮次。", "No monitoring round was published before.")));
            return;
        }
        List<List<String>> changed = new ArrayList<>();
        for (PlanView.Entry i : shown) {
            ProgressUpdated before = p.documents().get(i.stored().indicatorId());
            ProgressUpdated now = i.document();
            Figures f = Figures.of(now.kind(), now.unit());
            String was = before == null ? "—" : figureAt(before, f) + " · " + label(before.status());
            String is = figureAt(now, f) + " · " + label(now.status());
            if (!was.equals(is)) {
                changed.add(List.of(name(i), was, is));
            }
        }
        sink.add(Block.Paragraph.of(lang.pick("上一轮：" + p.round() + " 轮次第 " + p.version() + " 版，发布于 " + p.publishedAt()
                        + "。" + (changed.isEmpty() ? "此后没有指标的数值或评价发生变化。" : "此后 " + changed.size() + " 项指标的数值或评价有变化："),
                "The last round: " + p.round() + ", version " + p.version() + ", published " + p.publishedAt() + ". "
                        + (changed.isEmpty() ? "No indicator's figure or assessment changed since."
                        : changed.size() + " indicators' figures or assessments changed since:"))));
        if (!changed.isEmpty()) {
            sink.add(new Block.Table(lang == Lang.ZH ? List.of("指标", "上一轮", "本报告") : List.of("Indicator", "Last round", "This report"),
                    List.of(0.4, 0.3, 0.3), changed, List.of()));
        }
    }

    private String figureAt(ProgressUpdated d, Figures f) {
        return d.actual() == null ? "—" : f.text(d.actual()) + lang.pick("（" + d.period() + "）", " (" + d.period() + ")");
    }

    // --- words ---------------------------------------------------------------------------------

    private String name(PlanView.Entry i) {
        return lang.pick(i.stored().definition().name(), i.stored().definition().nameEn());
    }

    private String unit(PlanView.Entry i) {
        return lang.pick(i.document().unit(), i.stored().definition().unitEn());
    }

    private static String status(PlanView.Entry i) {
        return i.document().status();
    }

    private String label(String status) {
        return BoardService.label(status, lang);
    }

    /** 一, 十一, 一百零一, 一千零一十: how Chinese documents number their sections (from 10,000 on, in digits). */
    static String chineseNumber(int n) {
        if (n <= 0 || n >= 10_000) {
            return String.valueOf(n);
        }
        String[] digits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        String[] units = {"千", "百", "十", ""};
        String text = String.format(java.util.Locale.ROOT, "%04d", n);
        StringBuilder out = new StringBuilder();
        boolean gap = false;
        for (int p = 0; p < 4; p++) {
            int k = text.charAt(p) - '0';
            if (k == 0) {
                gap = out.length() > 0; // a zero inside the number is read once: 一百零一
            } else {
                out.append(gap ? "零" : "").append(digits[k]).append(units[p]);
                gap = false;
            }
        }
        // 十一, not 一十一, where the number starts with its tens
        return n >= 10 && n < 20 ? out.substring(1) : out.toString();
    }
}
