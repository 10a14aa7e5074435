package io.planpulse.reporting.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.model.event.ProgressUpdated;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gap as the indicator page shows it: in the indicator's unit and as a share (DESIGN §3 worked examples). */
class GapTextTest {

    record Case(String name, String kind, Double baseline, Double target, Double gap, String unit, String unitEn,
                String zh, String en) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("LEVEL ahead: a share of the planned change, an amount by it", "LEVEL", 4700.0, 6600.0,
                        0.008609, "亿元", "100 million yuan", "+16.36 亿元（占规划增量 +0.9%）",
                        "+16.36 100 million yuan (+0.9% of the planned change)"),
                new Case("LEVEL of a DOWN target, ahead: still a positive amount", "LEVEL", 10.0, 8.0, 0.1, "吨", "t",
                        "+0.20 吨（占规划增量 +10.0%）", "+0.20 t (+10.0% of the planned change)"),
                new Case("LEVEL without its baseline yet: the share alone", "LEVEL", null, 6600.0, -0.1, "亿元", null,
                        "占规划增量 -10.0%", "-10.0% of the planned change"),
                new Case("CUMULATIVE behind: a share of the target", "CUMULATIVE", null, 1500.0, -0.006667, "列", "trains",
                        "-10 列（占目标 -0.7%）", "-10 trains (-0.7% of the target)"),
                new Case("GROWTH: percentage points, a share of the target rate", "GROWTH", null, 8.0, -0.8, "%", null,
                        "-0.8 个百分点（占目标 -10.0%）", "-0.8 percentage points (-10.0% of the target)"),
                new Case("RELATIVE on its margin", "RELATIVE", null, 2.0, 0.0, "个百分点", "percentage points",
                        "0.0 个百分点（占目标 0.0%）", "0.0 percentage points (0.0% of the target)"),
                new Case("RELATIVE with no margin: no share", "RELATIVE", null, 0.0, 0.5, "个百分点", null,
                        "+0.5 个百分点", "+0.5 percentage points"),
                new Case("THRESHOLD in %: percentage points", "THRESHOLD", null, 5.5, 0.5, "%", null,
                        "+0.5 个百分点（占目标 +9.1%）", "+0.5 percentage points (+9.1% of the target)"),
                new Case("no gap", "MILESTONE", null, null, null, null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inTheUnitAndAsAShare(Case c) {
        ProgressUpdated p = progress(c);
        assertEquals(c.zh(), BoardService.gap(p, c.unit(), Lang.ZH));
        assertEquals(c.en(), BoardService.gap(p, Lang.EN.pick(c.unit(), c.unitEn()), Lang.EN));
    }

    private static ProgressUpdated progress(Case c) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new ProgressUpdated("X", "p", "x", null, c.kind(), c.unit(), "ON_TRACK", null, "2022", null, c.baseline(),
                c.target(), null, null, null, c.gap(), null, null, null, null, false, false, false, null, List.of(), 1, 1,
                at, at, new ProgressUpdated.Explanation("", ""));
    }
}
