package io.planpulse.targets.domain;

import static io.planpulse.targets.domain.DocumentFields.element;

import io.planpulse.model.plan.Baseline;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Direction;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Ids;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.Plan;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.PlanSettings;
import io.planpulse.model.plan.Target;
import io.planpulse.model.plan.Trajectory;
import io.planpulse.model.plan.Window;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a plan document (already parsed from JSON or YAML into maps, lists and scalars) into a
 * {@link Plan}, checking every rule of DESIGN §3 and reporting every problem at once.
 */
public final class PlanReader {

    static final int MAX_NAME = 200;
    static final int MAX_UNIT = 32;
    static final int MAX_NOTE = 2000;
    static final int MAX_DEPTH = 16;
    private static final String DEPARTMENT_SHAPE = "an upper-case code of letters, digits, '_' and '-', at most 32";

    private static final Set<String> PLAN_FIELDS =
            Set.of("id", "name", "nameEn", "window", "timeZone", "note", "departments", "nodes", "indicators",
                    "settings", "meta");
    private static final Set<String> SETTINGS_FIELDS = Set.of("office", "review", "explanationDueDays");
    private static final Set<String> COMMON_INDICATOR_FIELDS = Set.of("id", "name", "nameEn", "unit", "unitEn",
            "kind", "frequency", "direction", "owners", "binding", "weight", "riskBand", "dueDays", "note");
    private static final Map<IndicatorKind, Set<String>> KIND_FIELDS = Map.of(
            IndicatorKind.LEVEL, Set.of("baseline", "target", "trajectory"),
            IndicatorKind.CUMULATIVE, Set.of("target", "basis"),
            IndicatorKind.GROWTH, Set.of("target", "input", "basis"),
            IndicatorKind.AVERAGE_GROWTH, Set.of("target", "input"),
            IndicatorKind.RELATIVE, Set.of("target", "benchmark", "subject"),
            IndicatorKind.MILESTONE, Set.of("target", "stages"),
            IndicatorKind.THRESHOLD, Set.of("target"),
            IndicatorKind.SERIES, Set.of("window"));

    private final Function<String, Optional<ExistingIndicator>> existing;
    private final List<Violation> violations = new ArrayList<>();

    private PlanReader(Function<String, Optional<ExistingIndicator>> existing) {
        this.existing = existing;
    }

    /**
     * Reads {@code document} as the plan stored at {@code planId}.
     *
     * @param existing what the store knows of an indicator id, to keep ids unique across plans and
     *                 kinds and grains unchanged
     */
    public static PlanValidation read(Object document, String planId,
                                      Function<String, Optional<ExistingIndicator>> existing) {
        return new PlanReader(existing).readPlan(document, planId);
    }

    /** The indicator ids a document defines, read leniently, so that the store can be asked about them first. */
    public static Set<String> indicatorIds(Object document) {
        Set<String> ids = new HashSet<>();
        if (document instanceof Map<?, ?> root && root.get("indicators") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m && m.get("id") instanceof String id) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private PlanValidation readPlan(Object document, String planId) {
        Optional<DocumentFields> root = DocumentFields.of(document, "", violations);
        if (root.isEmpty()) {
            return new PlanValidation.Invalid(violations);
        }
        DocumentFields plan = root.get();
        plan.allowOnly(PLAN_FIELDS, "a plan");

        Optional<String> id = plan.id("id", true, Ids.PLAN, "lower-case letters, digits and '-', at most 64");
        if (id.isPresent() && !id.get().equals(planId)) {
            plan.report("id", ViolationCode.PLAN_ID_MISMATCH,
                    "the document's id '" + id.get() + "' differs from the plan id '" + planId + "' of the path");
        }
        Optional<String> name = plan.text("name", true, MAX_NAME);
        Optional<String> nameEn = plan.text("nameEn", false, MAX_NAME);
        Optional<String> note = plan.text("note", false, MAX_NOTE);
        Optional<Window> window = plan.object("window", true).flatMap(this::readPlanWindow);
        String timeZone = plan.text("timeZone", false, 64).filter(z -> validZone(plan, z)).orElse(Plan.DEFAULT_TIME_ZONE);

        List<Department> departments = readDepartments(plan);
        Set<String> departmentCodes = new HashSet<>();
        departments.forEach(d -> departmentCodes.add(d.code()));

        List<?> rawIndicators = plan.list("indicators", false).orElse(List.of());
        Map<String, Reference> references = collectReferences(rawIndicators, plan.path("indicators"));
        List<Indicator> indicators = new ArrayList<>();
        for (int i = 0; i < rawIndicators.size(); i++) {
            String path = element(plan.path("indicators"), i);
            DocumentFields.of(rawIndicators.get(i), path, violations)
                    .flatMap(f -> readIndicator(f, planId, departmentCodes, references))
                    .ifPresent(indicators::add);
        }

        List<PlanNode> nodes = readNodes(plan, references.keySet());
        PlanSettings settings = plan.object("settings", false).map(f -> readSettings(f, departmentCodes)).orElse(null);

        if (!violations.isEmpty()) {
            return new PlanValidation.Invalid(violations);
        }
        return new PlanValidation.Valid(new Plan(id.orElseThrow(), name.orElseThrow(), nameEn.orElse(null),
                window.orElseThrow(), timeZone, note.orElse(null), departments, nodes, indicators, settings));
    }

    /** The settings block; its problems are reported, and what it returns is then never used. */
    private PlanSettings readSettings(DocumentFields f, Set<String> departments) {
        f.allowOnly(SETTINGS_FIELDS, "the settings");
        Optional<String> office = f.id("office", false, Ids.DEPARTMENT, DEPARTMENT_SHAPE);
        office.filter(code -> !departments.contains(code)).ifPresent(code -> f.report("office",
                ViolationCode.UNKNOWN_DEPARTMENT, "the plan office " + code + " is not a department of the plan"));
        boolean review = f.bool("review").orElse(false);
        if (review && !f.has("office")) {
            f.report("office", ViolationCode.MISSING_FIELD, "review needs the plan office whose planners review");
        }
        int explanationDueDays = f.integer("explanationDueDays", 1, 366)
                .orElse(PlanSettings.DEFAULT_EXPLANATION_DUE_DAYS);
        return new PlanSettings(office.orElse(null), review, explanationDueDays);
    }

    private boolean validZone(DocumentFields plan, String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            plan.report("timeZone", ViolationCode.INVALID_VALUE, "'" + zone + "' is not a time zone such as Asia/Shanghai");
            return false;
        }
    }

    private Optional<Window> readPlanWindow(DocumentFields w) {
        w.allowOnly(Set.of("from", "to"), "a window");
        Optional<Period> from = w.period("from", true).filter(p -> yearOnly(w, "from", p));
        Optional<Period> to = w.period("to", true).filter(p -> yearOnly(w, "to", p));
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        if (to.get().compareTo(from.get()) < 0) {
            w.report("to", ViolationCode.INVALID_VALUE, "the window ends before it begins");
            return Optional.empty();
        }
        return Optional.of(new Window(from.get().toString(), to.get().toString()));
    }

    private boolean yearOnly(DocumentFields f, String key, Period p) {
        if (!p.isYear()) {
            f.report(key, ViolationCode.PERIOD_GRAIN_MISMATCH, "must be a year, got " + p);
            return false;
        }
        return true;
    }

    private List<Department> readDepartments(DocumentFields plan) {
        List<Department> out = new ArrayList<>();
        List<?> raw = plan.list("departments", false).orElse(List.of());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            DocumentFields.of(raw.get(i), element(plan.path("departments"), i), violations).ifPresent(d -> {
                d.allowOnly(Set.of("code", "name", "nameEn"), "a department");
                Optional<String> code = d.id("code", true, Ids.DEPARTMENT, DEPARTMENT_SHAPE);
                Optional<String> name = d.text("name", true, MAX_NAME);
                Optional<String> nameEn = d.text("nameEn", false, MAX_NAME);
                if (code.isPresent() && !seen.add(code.get())) {
                    d.report("code", ViolationCode.DUPLICATE_ID, "department " + code.get() + " is listed twice");
                } else if (code.isPresent() && name.isPresent()) {
                    out.add(new Department(code.get(), name.get(), nameEn.orElse(null)));
                }
            });
        }
        return out;
    }

    /** What other indicators need to know of one: read leniently, before each is checked in full. */
    private record Reference(IndicatorKind kind, Grain frequency, Input input) {
        boolean isRate() {
            return kind == IndicatorKind.SERIES
                    || ((kind == IndicatorKind.GROWTH || kind == IndicatorKind.AVERAGE_GROWTH) && input != Input.AMOUNT);
        }
    }

    private Map<String, Reference> collectReferences(List<?> rawIndicators, String path) {
        Map<String, Reference> references = new LinkedHashMap<>();
        for (int i = 0; i < rawIndicators.size(); i++) {
            if (rawIndicators.get(i) instanceof Map<?, ?> m && m.get("id") instanceof String id) {
                if (references.containsKey(id)) {
                    violations.add(new Violation(DocumentFields.child(element(path, i), "id"), ViolationCode.DUPLICATE_ID,
                            "indicator " + id + " is defined twice"));
                    continue;
                }
                references.put(id, new Reference(lenient(IndicatorKind.class, m.get("kind")),
                        lenient(Grain.class, m.get("frequency")), lenient(Input.class, m.get("input"))));
            }
        }
        return references;
    }

    private static <E extends Enum<E>> E lenient(Class<E> type, Object value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        return null;
    }

    private Optional<Indicator> readIndicator(DocumentFields f, String planId, Set<String> departments,
                                              Map<String, Reference> references) {
        Optional<IndicatorKind> kindField = f.choice("kind", true, IndicatorKind.class);
        Set<String> allowed = new HashSet<>(COMMON_INDICATOR_FIELDS);
        if (kindField.isPresent()) {
            allowed.addAll(KIND_FIELDS.get(kindField.get()));
            f.allowOnly(allowed, "a " + kindField.get() + " indicator");
        } else {
            KIND_FIELDS.values().forEach(allowed::addAll);
            f.allowOnly(allowed, "an indicator");
        }
        int before = violations.size();

        Optional<String> id = f.id("id", true, Ids.INDICATOR, "upper-case letters, digits and '-', at most 64");
        Optional<String> name = f.text("name", true, MAX_NAME);
        Optional<String> nameEn = f.text("nameEn", false, MAX_NAME);
        boolean unitRequired = kindField.isPresent() && kindField.get() != IndicatorKind.MILESTONE;
        Optional<String> unit = f.text("unit", unitRequired, MAX_UNIT);
        Optional<String> unitEn = f.text("unitEn", false, MAX_UNIT);
        Optional<Grain> frequency = f.choice("frequency", true, Grain.class);
        Direction direction = f.choice("direction", false, Direction.class).orElse(Direction.UP);
        List<String> owners = readOwners(f, departments);
        boolean binding = f.bool("binding").orElse(false);
        BigDecimal weight = f.number("weight", false).filter(w -> positive(f, "weight", w)).orElse(BigDecimal.ONE);
        Optional<BigDecimal> riskBand = f.number("riskBand", false).filter(r -> notNegative(f, "riskBand", r));
        Optional<Integer> dueDays = f.integer("dueDays", 0, 366);
        Optional<String> note = f.text("note", false, MAX_NOTE);

        id.ifPresent(i -> checkAgainstStore(f, i, planId, kindField, frequency));

        if (kindField.isEmpty() || frequency.isEmpty()) {
            return Optional.empty();
        }
        IndicatorKind kind = kindField.get();
        Grain grain = frequency.get();
        KindFields k = readKindFields(f, kind, grain, id.orElse(null), references);

        if (violations.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Indicator(id.orElseThrow(), name.orElseThrow(), nameEn.orElse(null), unit.orElse(null),
                unitEn.orElse(null), kind, grain, direction, owners, binding, weight,
                riskBand.orElse(kind.defaultRiskBand()),
                dueDays.orElse(grain.defaultDueDays()), k.basis, k.input, k.trajectory, k.baseline, k.target,
                k.stages, k.benchmark, k.subject, k.window, note.orElse(null)));
    }

    private void checkAgainstStore(DocumentFields f, String id, String planId,
                                   Optional<IndicatorKind> kind, Optional<Grain> frequency) {
        existing.apply(id).ifPresent(known -> {
            if (known.live() && !known.planId().equals(planId)) {
                f.report("id", ViolationCode.ID_IN_OTHER_PLAN, "indicator " + id + " belongs to plan " + known.planId());
                return;
            }
            if (kind.isPresent() && kind.get() != known.kind()) {
                f.report("kind", ViolationCode.IMMUTABLE_FIELD, "the kind of " + id + " is " + known.kind()
                        + " and cannot change; define a new indicator instead");
            }
            if (frequency.isPresent() && frequency.get() != known.frequency()) {
                f.report("frequency", ViolationCode.IMMUTABLE_FIELD, "the frequency of " + id + " is "
                        + known.frequency() + " and cannot change; define a new indicator instead");
            }
        });
    }

    private List<String> readOwners(DocumentFields f, Set<String> departments) {
        List<String> owners = f.texts("owners", true).orElse(List.of());
        if (f.has("owners") && owners.isEmpty() && f.raw("owners") instanceof List<?> l && l.isEmpty()) {
            f.report("owners", ViolationCode.MISSING_FIELD, "needs at least one owning department");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < owners.size(); i++) {
            String code = owners.get(i);
            String path = element(f.path("owners"), i);
            if (!departments.contains(code)) {
                violations.add(new Violation(path, ViolationCode.UNKNOWN_DEPARTMENT,
                        "department " + code + " is not listed in the plan's departments"));
            } else if (!seen.add(code)) {
                violations.add(new Violation(path, ViolationCode.DUPLICATE_ID, "owner " + code + " is listed twice"));
            }
        }
        return owners;
    }

    private boolean positive(DocumentFields f, String key, BigDecimal n) {
        if (n.signum() <= 0) {
            f.report(key, ViolationCode.INVALID_VALUE, "must be greater than 0");
            return false;
        }
        return true;
    }

    private boolean notNegative(DocumentFields f, String key, BigDecimal n) {
        if (n.signum() < 0) {
            f.report(key, ViolationCode.INVALID_VALUE, "must not be negative");
            return false;
        }
        return true;
    }

    /** The fields that depend on the kind; null where they do not apply. */
    private static final class KindFields {
        Basis basis;
        Input input;
        Trajectory trajectory;
        Baseline baseline;
        Target target;
        List<String> stages;
        String benchmark;
        String subject;
        Window window;
    }

    private KindFields readKindFields(DocumentFields f, IndicatorKind kind, Grain grain, String selfId,
                                      Map<String, Reference> references) {
        KindFields k = new KindFields();
        switch (kind) {
            case LEVEL -> readLevel(f, grain, k);
            case CUMULATIVE -> {
                k.basis = f.choice("basis", false, Basis.class).orElse(Basis.PERIOD);
                k.target = f.object("target", true).flatMap(t -> readSpanTarget(t, grain, true)).orElse(null);
            }
            case GROWTH -> {
                k.input = f.choice("input", false, Input.class).orElse(Input.RATE);
                k.basis = f.choice("basis", false, Basis.class).orElse(Basis.PERIOD);
                if (grain != Grain.YEAR && k.basis != Basis.YTD) {
                    f.report("basis", ViolationCode.YTD_REQUIRED,
                            "growth reported by " + grain + " compares year-to-date figures: set basis: YTD");
                }
                k.target = f.object("target", true).flatMap(t -> readYearTarget(t)).orElse(null);
            }
            case AVERAGE_GROWTH -> {
                k.input = f.choice("input", false, Input.class).orElse(Input.RATE);
                if (grain != Grain.YEAR) {
                    f.report("frequency", ViolationCode.PERIOD_GRAIN_MISMATCH,
                            "average annual growth is reported yearly: frequency must be YEAR");
                }
                k.target = f.object("target", true).flatMap(t -> readYearsTarget(t)).orElse(null);
            }
            case RELATIVE -> {
                k.benchmark = readReference(f, "benchmark", true, grain, selfId, references);
                k.subject = readReference(f, "subject", false, grain, selfId, references);
                k.target = f.object("target", true).flatMap(t -> readSpanTarget(t, grain, true)).orElse(null);
            }
            case MILESTONE -> {
                k.stages = readStages(f);
                k.target = f.object("target", true).flatMap(t -> readDueTarget(t, grain)).orElse(null);
            }
            case THRESHOLD -> k.target = f.object("target", true).flatMap(t -> readSpanTarget(t, grain, true)).orElse(null);
            case SERIES -> k.window = f.object("window", true).flatMap(w -> {
                w.allowOnly(Set.of("from", "to"), "a window");
                return readSpan(w, grain, false);
            }).orElse(null);
        }
        return k;
    }

    private void readLevel(DocumentFields f, Grain grain, KindFields k) {
        k.trajectory = f.choice("trajectory", false, Trajectory.class).orElse(Trajectory.LINEAR);
        Optional<DocumentFields> baselineFields = f.object("baseline", true);
        Optional<DocumentFields> targetFields = f.object("target", true);
        Optional<Period> b = Optional.empty();
        Optional<BigDecimal> bv = Optional.empty();
        if (baselineFields.isPresent()) {
            DocumentFields bf = baselineFields.get();
            bf.allowOnly(Set.of("period", "value"), "a baseline");
            b = bf.period("period", true).filter(p -> ofGrain(bf, "period", p, grain, true));
            bv = bf.number("value", false);
            if (bv.isPresent() && k.trajectory == Trajectory.COMPOUND && bv.get().signum() <= 0) {
                bf.report("value", ViolationCode.NOT_POSITIVE, "a COMPOUND trajectory needs a baseline above 0");
            }
        }
        Optional<Period> t = Optional.empty();
        Optional<BigDecimal> tv = Optional.empty();
        if (targetFields.isPresent()) {
            DocumentFields tf = targetFields.get();
            tf.allowOnly(Set.of("period", "value"), "a LEVEL target");
            t = tf.period("period", true).filter(p -> ofGrain(tf, "period", p, grain, true));
            tv = tf.number("value", true);
            if (tv.isPresent() && k.trajectory == Trajectory.COMPOUND && tv.get().signum() <= 0) {
                tf.report("value", ViolationCode.NOT_POSITIVE, "a COMPOUND trajectory needs a target above 0");
            }
            if (b.isPresent() && t.isPresent() && t.get().lastIn(grain).compareTo(b.get().lastIn(grain)) <= 0) {
                tf.report("period", ViolationCode.TARGET_NOT_AFTER_BASELINE,
                        "the target period " + t.get() + " must come after the baseline period " + b.get());
            }
            if (bv.isPresent() && tv.isPresent() && bv.get().compareTo(tv.get()) == 0) {
                tf.report("value", ViolationCode.TARGET_EQUALS_BASELINE,
                        "the target equals the baseline " + bv.get() + ": there is no progress to measure");
            }
        }
        if (b.isPresent() && t.isPresent() && tv.isPresent()) {
            k.baseline = new Baseline(b.get().toString(), bv.orElse(null));
            k.target = new Target(t.get().toString(), null, null, tv.get());
        }
    }

    /** A period that has the indicator's grain, or is a year where the rules allow one. */
    private boolean ofGrain(DocumentFields f, String key, Period p, Grain grain, boolean yearAllowed) {
        if (p.grain() == grain || (yearAllowed && p.isYear())) {
            return true;
        }
        f.report(key, ViolationCode.PERIOD_GRAIN_MISMATCH,
                p + " is not a period of the indicator's frequency " + grain + (yearAllowed ? " nor a year" : ""));
        return false;
    }

    /** {period, value} or {from, to, value}: a span of the indicator's grain (years allowed at the ends). */
    private Optional<Target> readSpanTarget(DocumentFields t, Grain grain, boolean valueRequired) {
        t.allowOnly(Set.of("period", "from", "to", "value"), "a target");
        Optional<BigDecimal> value = t.number("value", valueRequired);
        Optional<Window> span = readSpan(t, grain, true);
        if (span.isEmpty() || (valueRequired && value.isEmpty())) {
            return Optional.empty();
        }
        boolean single = t.has("period");
        return Optional.of(single
                ? new Target(span.get().from(), null, null, value.orElse(null))
                : new Target(null, span.get().from(), span.get().to(), value.orElse(null)));
    }

    /** The span of {from, to}, or of a single {period} where allowed; returned as a window of normalised texts. */
    private Optional<Window> readSpan(DocumentFields f, Grain grain, boolean singlePeriodAllowed) {
        if (singlePeriodAllowed && f.has("period")) {
            if (f.has("from") || f.has("to")) {
                f.report("period", ViolationCode.INVALID_VALUE, "give either period or from and to, not both");
                return Optional.empty();
            }
            return f.period("period", true).filter(p -> ofGrain(f, "period", p, grain, true))
                    .map(p -> new Window(p.toString(), p.toString()));
        }
        if (singlePeriodAllowed && !f.has("from") && !f.has("to")) {
            f.report("period", ViolationCode.MISSING_FIELD, "give the target's period, or its from and to");
            return Optional.empty();
        }
        Optional<Period> from = f.period("from", true).filter(p -> ofGrain(f, "from", p, grain, true));
        Optional<Period> to = f.period("to", true).filter(p -> ofGrain(f, "to", p, grain, true));
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        if (to.get().lastIn(grain).compareTo(from.get().firstIn(grain)) < 0) {
            f.report("to", ViolationCode.INVALID_VALUE, "the span ends (" + to.get() + ") before it begins (" + from.get() + ")");
            return Optional.empty();
        }
        return Optional.of(new Window(from.get().toString(), to.get().toString()));
    }

    private Optional<Target> readYearTarget(DocumentFields t) {
        t.allowOnly(Set.of("period", "value"), "a GROWTH target");
        Optional<Period> period = t.period("period", true).filter(p -> yearOnly(t, "period", p));
        Optional<BigDecimal> value = t.number("value", true);
        if (period.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(period.get().toString(), null, null, value.get()));
    }

    private Optional<Target> readYearsTarget(DocumentFields t) {
        t.allowOnly(Set.of("from", "to", "value"), "an AVERAGE_GROWTH target");
        Optional<Period> from = t.period("from", true).filter(p -> yearOnly(t, "from", p));
        Optional<Period> to = t.period("to", true).filter(p -> yearOnly(t, "to", p));
        Optional<BigDecimal> value = t.number("value", true);
        if (from.isEmpty() || to.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        if (to.get().compareTo(from.get()) < 0) {
            t.report("to", ViolationCode.INVALID_VALUE, "the span ends (" + to.get() + ") before it begins (" + from.get() + ")");
            return Optional.empty();
        }
        return Optional.of(new Target(null, from.get().toString(), to.get().toString(), value.get()));
    }

    private Optional<Target> readDueTarget(DocumentFields t, Grain grain) {
        t.allowOnly(Set.of("period"), "a MILESTONE target (its due period)");
        return t.period("period", true).filter(p -> ofGrain(t, "period", p, grain, true))
                .map(p -> new Target(p.toString(), null, null, null));
    }

    private List<String> readStages(DocumentFields f) {
        List<String> stages = f.texts("stages", true).orElse(List.of());
        if (f.raw("stages") instanceof List<?> l && l.isEmpty()) {
            f.report("stages", ViolationCode.MISSING_FIELD, "a milestone needs at least one stage");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            if (!seen.add(stages.get(i))) {
                violations.add(new Violation(element(f.path("stages"), i), ViolationCode.DUPLICATE_ID,
                        "stage '" + stages.get(i) + "' is listed twice"));
            }
        }
        return stages;
    }

    private String readReference(DocumentFields f, String key, boolean required, Grain grain, String selfId,
                                 Map<String, Reference> references) {
        Optional<String> ref = f.text(key, required, 64);
        if (ref.isEmpty()) {
            return null;
        }
        String id = ref.get();
        Reference target = references.get(id);
        if (target == null || id.equals(selfId)) {
            f.report(key, ViolationCode.UNKNOWN_BENCHMARK, id.equals(selfId)
                    ? "an indicator cannot be its own " + key
                    : key + " " + id + " is not an indicator of this plan");
            return null;
        }
        if (!target.isRate()) {
            f.report(key, ViolationCode.BENCHMARK_NOT_RATE, key + " " + id
                    + " does not report rates: it must be a SERIES, or a GROWTH or AVERAGE_GROWTH with input RATE");
            return null;
        }
        if (target.frequency() != null && target.frequency() != grain) {
            f.report(key, ViolationCode.PERIOD_GRAIN_MISMATCH, key + " " + id + " is reported by "
                    + target.frequency() + ", this indicator by " + grain);
            return null;
        }
        return id;
    }

    private List<PlanNode> readNodes(DocumentFields plan, Set<String> indicatorIds) {
        List<?> raw = plan.list("nodes", false).orElse(List.of());
        return readNodeList(raw, plan.path("nodes"), indicatorIds, new HashSet<>(), new HashMap<>(), 1);
    }

    private List<PlanNode> readNodeList(List<?> raw, String path, Set<String> indicatorIds, Set<String> nodeIds,
                                        Map<String, String> placed, int depth) {
        List<PlanNode> nodes = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String nodePath = element(path, i);
            Optional<DocumentFields> fields = DocumentFields.of(raw.get(i), nodePath, violations);
            if (fields.isEmpty()) {
                continue;
            }
            DocumentFields n = fields.get();
            n.allowOnly(Set.of("id", "name", "nameEn", "indicators", "children"), "a node");
            Optional<String> id = n.id("id", true, Ids.NODE, "lower-case letters, digits and '-', at most 64");
            if (id.isPresent() && !nodeIds.add(id.get())) {
                n.report("id", ViolationCode.DUPLICATE_ID, "node " + id.get() + " appears twice in the tree");
            }
            Optional<String> name = n.text("name", true, MAX_NAME);
            Optional<String> nameEn = n.text("nameEn", false, MAX_NAME);
            List<String> indicators = n.texts("indicators", false).orElse(List.of());
            for (int j = 0; j < indicators.size(); j++) {
                String indicatorId = indicators.get(j);
                String at = element(n.path("indicators"), j);
                if (!indicatorIds.contains(indicatorId)) {
                    violations.add(new Violation(at, ViolationCode.UNKNOWN_INDICATOR,
                            "indicator " + indicatorId + " is not defined in this plan"));
                } else if (placed.containsKey(indicatorId)) {
                    violations.add(new Violation(at, ViolationCode.INDICATOR_IN_TWO_NODES,
                            "indicator " + indicatorId + " already sits under node " + placed.get(indicatorId)));
                } else {
                    placed.put(indicatorId, id.orElse(nodePath));
                }
            }
            List<PlanNode> children = List.of();
            Optional<List<?>> rawChildren = n.list("children", false);
            if (rawChildren.isPresent()) {
                if (depth >= MAX_DEPTH) {
                    n.report("children", ViolationCode.INVALID_VALUE, "the tree may be at most " + MAX_DEPTH + " levels deep");
                } else {
                    children = readNodeList(rawChildren.get(), n.path("children"), indicatorIds, nodeIds, placed, depth + 1);
                }
            }
            if (id.isPresent() && name.isPresent()) {
                nodes.add(new PlanNode(id.get(), name.get(), nameEn.orElse(null), indicators, children));
            }
        }
        return nodes;
    }
}
