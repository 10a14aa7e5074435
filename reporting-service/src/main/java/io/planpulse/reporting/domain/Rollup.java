package io.planpulse.reporting.domain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * A roll-up over indicators (DESIGN §3): counts per status, the most severe status among those
 * with data, the weighted share on track, and the same status over binding indicators only.
 * SERIES (NO_TARGET) are left out.
 *
 * @param onTrackShare weight of ACHIEVED and ON_TRACK ÷ weight of indicators with data; null when none has data
 */
public record Rollup(Map<Status, Integer> counts, Status status, Double onTrackShare, Status bindingStatus) {

    public Rollup {
        counts = Map.copyOf(counts);
    }

    /** One indicator as a roll-up sees it. */
    public record Item(Status status, double weight, boolean binding) {
    }

    public static Rollup of(Collection<Item> items) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            if (s != Status.NO_TARGET) {
                counts.put(s, 0);
            }
        }
        double withData = 0;
        double onTrack = 0;
        for (Item item : items) {
            if (item.status() == Status.NO_TARGET) {
                continue;
            }
            counts.merge(item.status(), 1, Integer::sum);
            if (item.status().hasData()) {
                withData += item.weight();
                if (item.status() == Status.ACHIEVED || item.status() == Status.ON_TRACK) {
                    onTrack += item.weight();
                }
            }
        }
        return new Rollup(counts, worst(items, false), withData > 0 ? onTrack / withData : null, worst(items, true));
    }

    private static Status worst(Collection<Item> items, boolean bindingOnly) {
        Status worst = Status.NO_DATA;
        for (Item item : items) {
            if ((bindingOnly && !item.binding()) || !item.status().hasData()) {
                continue;
            }
            if (worst == Status.NO_DATA || item.status().severity() > worst.severity()) {
                worst = item.status();
            }
        }
        return worst;
    }
}
