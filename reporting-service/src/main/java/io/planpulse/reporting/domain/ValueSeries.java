package io.planpulse.reporting.domain;

import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Period;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The usable values of a series as known at an instant: per period, the latest revision known at
 * or before it, unless that revision withdrew the value.
 */
final class ValueSeries {

    /** A usable value: the number, whether it is provisional, and its revision. */
    record Value(double number, boolean provisional, int revision) {
    }

    private final TreeMap<Long, Value> byIdx = new TreeMap<>();
    private final Grain grain;

    private ValueSeries(Grain grain) {
        this.grain = grain;
    }

    static ValueSeries of(List<Revision> revisions, Grain grain, Instant asOf) {
        Map<Long, Revision> latest = new TreeMap<>();
        for (Revision r : revisions) {
            if (r.knownAt().isAfter(asOf)) {
                continue;
            }
            Optional<Period> p = Period.parse(r.period());
            if (p.isEmpty() || p.get().grain() != grain) {
                continue;
            }
            latest.merge(p.get().idx(), r, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        ValueSeries series = new ValueSeries(grain);
        latest.forEach((idx, r) -> {
            if (!r.withdrawn() && r.value() != null) {
                series.byIdx.put(idx, new Value(r.value().doubleValue(), r.provisional(), r.revision()));
            }
        });
        return series;
    }

    Optional<Value> at(Period p) {
        return Optional.ofNullable(byIdx.get(p.idx()));
    }

    boolean has(Period p) {
        return byIdx.containsKey(p.idx());
    }

    /** The latest period with a value within [from, to], if any. */
    Optional<Period> latestIn(Period from, Period to) {
        Map.Entry<Long, Value> e = byIdx.floorEntry(to.idx());
        if (e == null || e.getKey() < from.idx()) {
            return Optional.empty();
        }
        return Optional.of(Period.ofIdx(grain, e.getKey()));
    }

    boolean isEmpty() {
        return byIdx.isEmpty();
    }

    /** Every usable value, oldest period first. */
    List<TrendPoint> points() {
        return byIdx.entrySet().stream().map(e -> new TrendPoint(Period.ofIdx(grain, e.getKey()).toString(),
                e.getValue().number(), e.getValue().provisional())).toList();
    }
}
