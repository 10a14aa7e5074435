package io.planpulse.model.plan;

/**
 * The spans of DESIGN §3: the span an indicator's target covers, and the periods for which it
 * accepts reports. Year-valued ends mean the year's first period (start) or last period (end) in
 * the indicator's grain.
 */
public final class Spans {

    private Spans() {
    }

    /**
     * The target's span: LEVEL from the baseline period B to the target period T; the other kinds
     * from the target's {@code from} (or {@code period}) to its {@code to} (or {@code period}); a
     * SERIES its window.
     */
    public static Span target(Indicator indicator) {
        Grain grain = indicator.frequency();
        return switch (indicator.kind()) {
            case LEVEL -> new Span(period(indicator.baseline().period()).lastIn(grain),
                    period(indicator.target().period()).lastIn(grain));
            case SERIES -> new Span(period(indicator.window().from()).firstIn(grain),
                    period(indicator.window().to()).lastIn(grain));
            case MILESTONE -> {
                Period due = period(indicator.target().period()).lastIn(grain);
                yield new Span(due, due);
            }
            default -> {
                Target t = indicator.target();
                String from = t.from() != null ? t.from() : t.period();
                String to = t.to() != null ? t.to() : t.period();
                yield new Span(period(from).firstIn(grain), period(to).lastIn(grain));
            }
        };
    }

    /**
     * The periods an indicator accepts reports for: its target span, from a year earlier for
     * growth derived from amounts (the year before is the comparison), and for a MILESTONE every
     * period of the plan's window up to its due period or the window's end, whichever is later
     * (only its due period while the plan's window is not known).
     */
    public static Span accepted(Indicator indicator, Window planWindow) {
        Grain grain = indicator.frequency();
        Span target = target(indicator);
        if (indicator.kind() == IndicatorKind.MILESTONE && planWindow != null) {
            Period windowStart = period(planWindow.from()).firstIn(grain);
            Period windowEnd = period(planWindow.to()).lastIn(grain);
            Period first = windowStart.compareTo(target.first()) <= 0 ? windowStart : target.first();
            Period last = windowEnd.compareTo(target.last()) >= 0 ? windowEnd : target.last();
            return new Span(first, last);
        }
        if (indicator.input() == Input.AMOUNT) {
            return new Span(target.first().yearEarlier(), target.last());
        }
        return target;
    }

    private static Period period(String text) {
        return Period.parse(text).orElseThrow(() -> new IllegalArgumentException("not a period: " + text));
    }
}
