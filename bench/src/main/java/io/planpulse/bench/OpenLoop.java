package io.planpulse.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Offers requests on a fixed schedule whatever the system does (open loop), and measures each from
 * the instant it was meant to start, so a stalled system shows its stall in the latencies instead of
 * slowing the load (no coordinated omission). At most {@code connections} requests are under way at
 * once, as a client with that many connections would have; a request whose time comes while all are
 * busy waits in the client's queue and is sent when one frees, still measured from its intended
 * start. None is dropped: what has no answer when the run's drain time is over counts as unanswered,
 * at the lateness it had reached then (a lower bound).
 *
 * <p>Answers are kept apart by status: only 2xx enter {@link Result#answered()}, so that fast
 * refusals (503 when the service sheds load) cannot pull the served requests' percentiles down.
 */
final class OpenLoop {

    /** Status under which requests without an answer (no connection, cut, timed out, not answered in time) count. */
    static final int NO_ANSWER = 0;

    /**
     * What a run measured: latencies in microseconds from the intended start, of the 2xx and of the
     * rest; the count per status ({@link #NO_ANSWER} for none); how many requests waited in the
     * client's queue; and the run's length, from the first intended start to the last answer.
     */
    record Result(Histogram answered, Histogram failed, Map<Integer, Long> byStatus, long offered, long queued,
                  Duration took) {

        long ok() {
            return answered.getTotalCount();
        }

        long failedCount() {
            return failed.getTotalCount();
        }

        double okPerSecond() {
            return ok() / (took.toNanos() / 1e9);
        }
    }

    /** A request of the schedule: its index and when it was meant to start (System.nanoTime). */
    private record Due(long index, long intended) {
    }

    private final LongFunction<CompletableFuture<Integer>> request;
    private final int connections;
    private final Histogram answered = new Histogram(3);
    private final Histogram failed = new Histogram(3);
    private final Map<Integer, Long> byStatus = new TreeMap<>();
    private final ArrayDeque<Due> waiting = new ArrayDeque<>();
    private final Set<Due> underWay = new HashSet<>();
    private boolean over;
    private long queued;
    private long done;
    private long lastAnswer;

    private OpenLoop(LongFunction<CompletableFuture<Integer>> request, int connections) {
        this.request = request;
        this.connections = connections;
    }

    /**
     * Offers {@code perSecond} requests a second for {@code duration}; {@code request.apply(i)} sends
     * the i-th and completes with its HTTP status. Waits up to {@code drain} after the last intended
     * start for the answers.
     */
    static Result run(double perSecond, Duration duration, int connections, Duration drain,
                      LongFunction<CompletableFuture<Integer>> request) {
        return new OpenLoop(request, connections).offer(perSecond, duration, drain);
    }

    private Result offer(double perSecond, Duration duration, Duration drain) {
        long total = (long) (perSecond * duration.toNanos() / 1e9);
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        lastAnswer = start;
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * interval);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            arrive(new Due(i, intended));
        }
        long deadline = start + duration.toNanos() + drain.toNanos();
        synchronized (this) {
            while (done < total && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            long now = System.nanoTime();
            // what is still queued or under way has had no answer; its lateness so far is all we know
            for (Due due : waiting) {
                record(NO_ANSWER, now - due.intended());
            }
            for (Due due : underWay) {
                record(NO_ANSWER, now - due.intended());
            }
            over = true;
            long end = done == total ? lastAnswer : now;
            return new Result(answered, failed, Map.copyOf(byStatus), total, queued, Duration.ofNanos(end - start));
        }
    }

    private void arrive(Due due) {
        synchronized (this) {
            if (underWay.size() >= connections) {
                waiting.add(due);
                queued++;
                return;
            }
            underWay.add(due);
        }
        send(due);
    }

    private void send(Due due) {
        CompletableFuture<Integer> answer;
        try {
            answer = request.apply(due.index());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // async: an answer that is there at once (a refused connection) must not send the next queued request on this
        // stack, which would grow with the queue
        answer.whenCompleteAsync((status, error) -> finished(due, error == null && status != null ? status : NO_ANSWER));
    }

    private void finished(Due due, int status) {
        Due next;
        synchronized (this) {
            if (over) { // answered after the run was counted: it already counts as unanswered
                return;
            }
            long now = System.nanoTime();
            record(status, now - due.intended());
            done++;
            lastAnswer = now;
            underWay.remove(due);
            next = waiting.poll();
            if (next != null) {
                underWay.add(next);
            }
            notifyAll();
        }
        if (next != null) {
            send(next);
        }
    }

    /** Under the lock: one answer (or its absence) and its latency from the intended start. */
    private void record(int status, long nanos) {
        long micros = Math.max(1, nanos / 1000);
        (status / 100 == 2 ? answered : failed).recordValue(micros);
        byStatus.merge(status, 1L, Long::sum);
    }
}
