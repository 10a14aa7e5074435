package io.planpulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The open-loop schedule against systems whose behaviour the test knows. */
class OpenLoopTest {

    private final ScheduledExecutorService system = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stop() {
        system.shutdownNow();
    }

    private CompletableFuture<Integer> answer(int status, long afterMillis) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        system.schedule(() -> answer.complete(status), afterMillis, TimeUnit.MILLISECONDS);
        return answer;
    }

    @Test
    void sendsEachRequestAtItsTimeWhateverTheAnswers() {
        List<Long> sent = new CopyOnWriteArrayList<>();
        OpenLoop.Result r = OpenLoop.run(200, Duration.ofSeconds(1), 64, Duration.ofSeconds(5), i -> {
            sent.add(System.nanoTime());
            return answer(201, 0);
        });
        assertEquals(200, r.offered());
        assertEquals(Map.of(201, 200L), r.byStatus());
        List<Long> sorted = sent.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) { // never ahead of the schedule: 5 ms apart at least, on average
            assertTrue(sorted.get(i) - sorted.get(0) >= i * 5_000_000L - 1_000_000L, "request " + i + " was early");
        }
    }

    @Test
    void aStallShowsInTheLatencyOfEveryRequestDueDuringItNotOnlyInTheOnesUnderWay() {
        long stallEnds = System.nanoTime() + Duration.ofMillis(400).toNanos();
        OpenLoop.Result r = OpenLoop.run(100, Duration.ofSeconds(1), 4, Duration.ofSeconds(5), i ->
                answer(201, Math.max(0, (stallEnds - System.nanoTime()) / 1_000_000)));
        assertEquals(100, r.ok());
        assertTrue(r.queued() >= 30, "requests due during the stall waited for a connection: " + r.queued());
        // ~40 requests were due during the 400 ms stall: all of them, not the 4 under way, carry it
        long slow = r.answered().getCountBetweenValues(100_000, Long.MAX_VALUE / 2);
        assertTrue(slow >= 30, "requests measured as slow: " + slow);
        assertTrue(r.answered().getMaxValue() >= 350_000, "the first request waited for the whole stall");
    }

    @Test
    void fastRefusalsDoNotPullTheServedRequestsPercentilesDown() {
        OpenLoop.Result r = OpenLoop.run(100, Duration.ofSeconds(1), 64, Duration.ofSeconds(5), i ->
                i % 2 == 0 ? answer(503, 0) : answer(201, 60));
        assertEquals(Map.of(201, 50L, 503, 50L), r.byStatus());
        assertEquals(50, r.ok());
        assertEquals(50, r.failedCount());
        assertTrue(r.answered().getValueAtPercentile(50) >= 60_000, "served p50 is the served requests' own");
        assertTrue(r.failed().getValueAtPercentile(99) < 50_000, "the refusals are apart, and fast");
    }

    @Test
    void aRequestWithoutAnAnswerIsCountedAtTheLatenessItReached() {
        OpenLoop.Result r = OpenLoop.run(100, Duration.ofMillis(500), 64, Duration.ofMillis(300), i ->
                i % 10 == 0 ? new CompletableFuture<>() : answer(201, 0));
        assertEquals(50, r.offered());
        assertEquals(45, r.ok());
        assertEquals(5L, r.byStatus().get(OpenLoop.NO_ANSWER));
        assertTrue(r.failed().getMinValue() >= 250_000, "the unanswered waited through the drain at least");
    }

    @Test
    void anErrorInSendingIsNoAnswer() {
        OpenLoop.Result r = OpenLoop.run(100, Duration.ofMillis(200), 64, Duration.ofSeconds(1), i ->
                CompletableFuture.failedFuture(new java.io.IOException("connection refused")));
        assertEquals(Map.of(OpenLoop.NO_ANSWER, 20L), r.byStatus());
    }
}
