package io.planpulse.chaos;

import io.planpulse.chaos.Departments.Entry;
import io.planpulse.chaos.Departments.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * More load than indicators-service can serve. Its capacity is measured first ({@link #capacity}:
 * clients sending back to back), then twice that is offered open loop ({@link OpenLoad}) for a while:
 * each request at its own time whatever the service does, and never retried, so what the service
 * turns away shows as such. The
 * offered requests go into the departments' history, so the checker proves that nothing shed was
 * stored. Meanwhile the well-behaved department clients keep sending; once the load drops, they
 * must get through again by themselves.
 */
final class Overload {

    /**
     * What an overload did: the capacity measured and the rate offered; what the offered requests
     * got (answered means acknowledged or refused as meant) and how fast; indicators-service's
     * resident memory before, at its peak and after; and how long after the load dropped a
     * department client's new request was acknowledged (null: none was).
     */
    record Result(double capacity, double offered, Duration took, int sent, int acknowledged, int refused,
            int overloaded, int rateLimited, int unknown, int notSent, Duration answeredP50, Duration answeredP99,
            Duration shedP50, Duration shedP99, long residentBeforeKib, long residentPeakKib, long residentAfterKib,
            Duration recovery) {
    }

    private static final int MEASURING_CLIENTS = 32;
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private Overload() {
    }

    /** Measures the capacity for {@code measure}, then offers twice that for {@code duration}. */
    static Result run(Departments departments, ServiceProcess indicators, Duration measure, Duration duration)
            throws InterruptedException {
        double capacity = capacity(departments, measure);
        double offered = 2 * capacity;
        long residentBefore = indicators.residentKib();
        AtomicLong residentPeak = new AtomicLong(residentBefore);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                residentPeak.accumulateAndGet(indicators.residentKib(), Math::max);
                LockSupport.parkNanos(100_000_000);
            }
        }, "resident-memory");
        sampler.setDaemon(true);
        sampler.start();

        long start = System.nanoTime();
        OpenLoad load = OpenLoad.start(departments, offered, 42);
        Thread.sleep(duration.toMillis());
        load.stop(Duration.ofSeconds(30));
        long dropped = load.stoppedAt();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Thread.sleep(SETTLE.toMillis());
        sampler.interrupt();
        sampler.join();
        long residentAfter = indicators.residentKib();

        List<Entry> history = departments.history();
        List<Entry> offeredEntries = history.stream().filter(e -> e.offered() && e.sentAt() >= start).toList();
        Duration recovery = history.stream()
                .filter(e -> !e.offered() && e.sentAt() >= dropped && e.outcome() instanceof Outcome.Acknowledged)
                .map(e -> Duration.ofNanos(e.endedAt() - dropped)).min(Duration::compareTo).orElse(null);
        return new Result(capacity, offered, took, offeredEntries.size(),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Acknowledged),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Refused),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Shed s && s.status() == 503),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Shed s && s.status() == 429),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Unknown), load.notSent(),
                percentile(offeredEntries, Overload::answered, 0.5), percentile(offeredEntries, Overload::answered, 0.99),
                percentile(offeredEntries, Overload::shed, 0.5), percentile(offeredEntries, Overload::shed, 0.99),
                residentBefore, residentPeak.get(), residentAfter, recovery);
    }

    /** Requests answered a second (acknowledged or refused as meant) by clients sending back to back. */
    static double capacity(Departments departments, Duration measure) throws InterruptedException {
        AtomicInteger served = new AtomicInteger();
        long until = System.nanoTime() + measure.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < MEASURING_CLIENTS; i++) {
            Random random = new Random(1_000 + i);
            Thread client = new Thread(() -> {
                while (System.nanoTime() - until < 0) {
                    Entry entry = departments.offer(departments.next(random), System.nanoTime()).join();
                    if (answered(entry)) {
                        served.incrementAndGet();
                    }
                }
            }, "measuring-" + i);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        return served.get() / (measure.toNanos() / 1e9);
    }

    static boolean answered(Entry e) {
        return e.outcome() instanceof Outcome.Acknowledged || e.outcome() instanceof Outcome.Refused;
    }

    static boolean shed(Entry e) {
        return e.outcome() instanceof Outcome.Shed;
    }

    static int count(List<Entry> entries, Predicate<Entry> which) {
        return (int) entries.stream().filter(which).count();
    }

    static Duration percentile(List<Entry> entries, Predicate<Entry> which, double p) {
        return Duration.ofNanos(ChaosRun.percentile(entries.stream().filter(which).map(e -> e.latency().toNanos())
                .sorted().toList(), p));
    }
}
