package io.planpulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Freshness pairs each acknowledgement with its own report, whichever thread notes it. */
class FreshnessTest {

    @Test
    void acknowledgementsNotedFromManyThreadsKeepTheirIndicatorRevisionAndTime() throws Exception {
        Freshness freshness = new Freshness();
        Map<String, Long> ackedAt = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int k = 0; k < 2_000; k++) {
                    String indicator = "I-" + thread + "-" + k;
                    long at = System.nanoTime();
                    ackedAt.put(indicator, at);
                    freshness.acknowledged(indicator, k, at);
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread t : threads) {
            t.join();
        }
        // each report's progress shows exactly 7 ms after its own acknowledgement, and only for its own revision
        Freshness.Sightings sightings = (indicator, revision) ->
                Integer.parseInt(indicator.substring(indicator.lastIndexOf('-') + 1)) == revision
                        ? ackedAt.get(indicator) + 7_000_000 : null;
        Histogram h = freshness.measure(sightings, Duration.ofSeconds(1));
        assertEquals(16_000, h.getTotalCount());
        assertEquals(7_000, h.getMinValue());
        assertEquals(7_000, h.getMaxValue(), 7);
    }

    @Test
    void aReportNeverSeenCountsAtTheAgeItReachedWhenTheWaitEnded() throws Exception {
        Freshness freshness = new Freshness();
        long now = System.nanoTime();
        freshness.acknowledged("I-1", 3, now);
        freshness.acknowledged("I-2", 1, now - Duration.ofSeconds(10).toNanos());
        Histogram h = freshness.measure((indicator, revision) -> null, Duration.ofMillis(50));
        long tookMicros = (System.nanoTime() - now) / 1000;
        assertEquals(2, h.getTotalCount());
        // at least the wait, at most the time since the acknowledgement (however slowly the machine ran)
        assertTrue(h.getMinValue() >= 49_900 && h.getMinValue() <= tookMicros + 100, "never seen: " + h.getMinValue());
        assertTrue(h.getMaxValue() >= 10_049_900 && h.getMaxValue() <= 10_000_000 + tookMicros + 10_100,
                "acknowledged 10 s before: " + h.getMaxValue());
    }
}
