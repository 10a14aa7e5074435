package io.planpulse.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;

/**
 * Freshness: from a report's acknowledgement to the first progress document that used its revision.
 * Each acknowledgement is one record (indicator, revision, when), so an answer can never be paired
 * with another report's indicator, whichever callback thread notes it.
 */
final class Freshness {

    /** One acknowledged report: the revision it created and when its 2xx arrived (System.nanoTime). */
    record Ack(String indicatorId, int revision, long at) {
    }

    /** When a progress document first used this revision of the indicator (or a later one); null if not yet. */
    interface Sightings {
        Long seenAt(String indicatorId, int revision);
    }

    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();

    void acknowledged(String indicatorId, int revision, long at) {
        acks.add(new Ack(indicatorId, revision, at));
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /**
     * The freshness of every acknowledged report in microseconds, waiting up to {@code wait} in all
     * for the last ones; a report never seen counts at the age it had reached when the wait ended
     * (at least {@code wait}, more for one acknowledged long before), so that a consumer far behind
     * is not made to look fresher than it is.
     */
    Histogram measure(Sightings sightings, Duration wait) throws InterruptedException {
        Histogram freshness = new Histogram(3);
        long deadline = System.nanoTime() + wait.toNanos();
        for (Ack ack : acks) {
            Long at;
            while ((at = sightings.seenAt(ack.indicatorId(), ack.revision())) == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            freshness.recordValue(Math.max(1, ((at == null ? deadline : at) - ack.at()) / 1000));
        }
        return freshness;
    }
}
