package io.planpulse.reporting.domain;

import static io.planpulse.reporting.domain.Fixtures.cumulative;
import static io.planpulse.reporting.domain.Fixtures.level;
import static io.planpulse.reporting.domain.Fixtures.reports;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Grain;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a trend chart draws: the values known at an instant, a running total for a summed flow. */
class TrendTest {

    @Test
    void aLevelIsDrawnAsReportedWithTheLatestRevisionKnownThenAndWithoutWithdrawnValues() {
        Instant early = Instant.parse("2022-01-01T00:00:00Z");
        Instant late = Instant.parse("2023-01-01T00:00:00Z");
        List<Revision> revisions = new ArrayList<>(reports("2021=10", "2022=12", "2023=15"));
        revisions.add(new Revision("2022", 2, new BigDecimal("13"), false, false, late));
        revisions.add(new Revision("2023", 2, null, false, true, late));
        revisions.add(new Revision("2024", 1, new BigDecimal("16"), true, false, early));
        assertEquals(List.of(new TrendPoint("2021", 10, false), new TrendPoint("2022", 12, false),
                        new TrendPoint("2023", 15, false), new TrendPoint("2024", 16, true)),
                Trend.of(revisions, level().build(), early));
        assertEquals(List.of(new TrendPoint("2021", 10, false), new TrendPoint("2022", 13, false),
                        new TrendPoint("2024", 16, true)),
                Trend.of(revisions, level().build(), late));
    }

    @Test
    void aFlowSummedPeriodByPeriodIsDrawnAsItsRunningTotalAndAYearToDateOneAsReported() {
        List<Revision> monthly = reports("2021-01=110", "2021-02=95", "2021-03=160");
        assertEquals(List.of(new TrendPoint("2021-01", 110, false), new TrendPoint("2021-02", 205, false),
                        new TrendPoint("2021-03", 365, false)),
                Trend.of(monthly, cumulative().grain(Grain.MONTH).basis(Basis.PERIOD).build(), Fixtures.LATER));
        List<Revision> ytd = reports("2021-01=14", "2021-02=29");
        assertEquals(List.of(new TrendPoint("2021-01", 14, false), new TrendPoint("2021-02", 29, false)),
                Trend.of(ytd, cumulative().grain(Grain.MONTH).basis(Basis.YTD).build(), Fixtures.LATER));
    }
}
