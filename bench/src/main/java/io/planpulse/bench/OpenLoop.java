package io.planpulse.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Recorder;

/**
 * Offers requests at a fixed rate whatever the system does (open loop), and measures each from the
 * instant it was meant to start, so a stalled system shows its stall in the latencies instead of
 * slowing the load (no coordinated omission). A request that would exceed {@code maxInFlight} is
 * counted as refused and not sent.
 */
final class OpenLoop {

    /** What a run measured: latencies in microseconds (from the intended start), counts, and its length. */
    record Result(org.HdrHistogram.Histogram latencies, long sent, long ok, long failed, long dropped, Duration took) {

        double okPerSecond() {
            return ok / (took.toNanos() / 1e9);
        }
    }

    private OpenLoop() {
    }

    /**
     * Runs for {@code duration} at {@code perSecond}; {@code request.apply(i)} starts the i-th
     * request and completes with true when it succeeded.
     */
    static Result run(double perSecond, Duration duration, int maxInFlight, LongFunction<CompletableFuture<Boolean>> request) {
        Recorder recorder = new Recorder(3);
        AtomicLong inFlight = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long dropped = 0;
        long total = (long) (perSecond * duration.toNanos() / 1e9);
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        CompletableFuture<?>[] last = new CompletableFuture<?>[1];
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * interval);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                dropped++;
                continue;
            }
            inFlight.incrementAndGet();
            CompletableFuture<Boolean> done;
            try {
                done = request.apply(i);
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            last[0] = done.whenComplete((success, error) -> {
                recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
                inFlight.decrementAndGet();
                if (error == null && Boolean.TRUE.equals(success)) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Result(recorder.getIntervalHistogram(), total - dropped, ok.get(), failed.get() + inFlight.get(), dropped,
                took);
    }
}
