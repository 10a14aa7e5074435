package io.planpulse.reporting.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RollupTest {

    private static Rollup.Item item(Status status, double weight, boolean binding) {
        return new Rollup.Item(status, weight, binding);
    }

    @Test
    void takesTheMostSevereStatusWithDataAndWeighsTheShareOnTrack() {
        Rollup r = Rollup.of(List.of(item(Status.ON_TRACK, 2, false), item(Status.ACHIEVED, 1, true),
                item(Status.AT_RISK, 1, true), item(Status.NO_DATA, 5, true), item(Status.NO_TARGET, 9, false)));
        assertEquals(Status.AT_RISK, r.status());
        assertEquals(3 / 4.0, r.onTrackShare(), 1e-12);
        assertEquals(Status.AT_RISK, r.bindingStatus());
        assertEquals(1, r.counts().get(Status.ON_TRACK));
        assertEquals(1, r.counts().get(Status.NO_DATA));
        assertEquals(null, r.counts().get(Status.NO_TARGET));
    }

    @Test
    void severityOrderIsMissedOffTrackAtRiskOnTrackAchieved() {
        List<Status> order = List.of(Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.MISSED);
        for (int i = 1; i < order.size(); i++) {
            Rollup r = Rollup.of(List.of(item(order.get(i - 1), 1, false), item(order.get(i), 1, false)));
            assertEquals(order.get(i), r.status());
        }
    }

    @Test
    void withoutDataItIsNoData() {
        Rollup none = Rollup.of(List.of(item(Status.NO_DATA, 1, true), item(Status.NO_TARGET, 1, true)));
        assertEquals(Status.NO_DATA, none.status());
        assertEquals(Status.NO_DATA, none.bindingStatus());
        assertNull(none.onTrackShare());
        assertEquals(Status.NO_DATA, Rollup.of(List.of()).status());
        Rollup notBinding = Rollup.of(List.of(item(Status.MISSED, 1, false)));
        assertEquals(Status.MISSED, notBinding.status());
        assertEquals(Status.NO_DATA, notBinding.bindingStatus());
        assertEquals(0.0, notBinding.onTrackShare());
    }
}
