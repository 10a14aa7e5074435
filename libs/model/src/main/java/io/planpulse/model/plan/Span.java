package io.planpulse.model.plan;

import java.util.ArrayList;
import java.util.List;

/** A run of consecutive periods of one grain, both ends included. */
public record Span(Period first, Period last) {

    public Span {
        if (first.grain() != last.grain()) {
            throw new IllegalArgumentException("a span has one grain: " + first + ".." + last);
        }
        if (last.compareTo(first) < 0) {
            throw new IllegalArgumentException("a span ends before it begins: " + first + ".." + last);
        }
    }

    public Grain grain() {
        return first.grain();
    }

    /** N: how many periods the span has. */
    public int size() {
        return (int) (last.idx() - first.idx() + 1);
    }

    public boolean contains(Period p) {
        return p.grain() == grain() && p.idx() >= first.idx() && p.idx() <= last.idx();
    }

    public List<Period> periods() {
        List<Period> out = new ArrayList<>(size());
        for (long i = first.idx(); i <= last.idx(); i++) {
            out.add(Period.ofIdx(grain(), i));
        }
        return out;
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
