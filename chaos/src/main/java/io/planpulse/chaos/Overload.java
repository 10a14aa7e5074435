package io.planpulse.chaos;

import io.planpulse.chaos.Departments.Entry;
import io.planpulse.chaos.Departments.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * More load than indicators-service can serve. Its capacity is measured first (clients sending
 * back to back), then twice that is offered open loop for a while: each request at its own time
 * whatever the service does, and never retried, so what the service turns away shows as such. The
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

    /** Offered requests waiting for an answer beyond which the load generator itself gives up sending. */
    private static final int MAX_WAITING = 4_000;
    private static final int MEASURING_CLIENTS = 32;
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private Overload() {
    }

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

        ConcurrentLinkedQueue<Entry> answered = new ConcurrentLinkedQueue<>();
        AtomicInteger waiting = new AtomicInteger();
        int notSent = 0;
        Random random = new Random(42);
        long total = (long) (offered * duration.toNanos() / 1e9);
        double interval = 1e9 / offered;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long wait = start + (long) (i * interval) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (waiting.get() >= MAX_WAITING) {
                notSent++;
                continue;
            }
            waiting.incrementAndGet();
            departments.offer(departments.next(random)).whenComplete((entry, error) -> {
                if (entry != null) {
                    answered.add(entry);
                }
                waiting.decrementAndGet();
            });
        }
        long dropped = System.nanoTime();
        long deadline = dropped + Duration.ofSeconds(30).toNanos();
        while (waiting.get() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Thread.sleep(SETTLE.toMillis());
        sampler.interrupt();
        sampler.join();
        long residentAfter = indicators.residentKib();

        List<Entry> offeredEntries = List.copyOf(answered);
        Set<String> keys = offeredEntries.stream().map(e -> e.request().key()).collect(Collectors.toSet());
        Duration recovery = departments.history().stream()
                .filter(e -> !keys.contains(e.request().key()) && e.sentAt() >= dropped
                        && e.outcome() instanceof Outcome.Acknowledged)
                .map(e -> Duration.ofNanos(e.endedAt() - dropped)).min(Duration::compareTo).orElse(null);
        return new Result(capacity, offered, took, offeredEntries.size(),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Acknowledged),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Refused),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Shed s && s.status() == 503),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Shed s && s.status() == 429),
                count(offeredEntries, e -> e.outcome() instanceof Outcome.Unknown), notSent,
                percentile(offeredEntries, Overload::answered, 0.5), percentile(offeredEntries, Overload::answered, 0.99),
                percentile(offeredEntries, Overload::shed, 0.5), percentile(offeredEntries, Overload::shed, 0.99),
                residentBefore, residentPeak.get(), residentAfter, recovery);
    }

    /** Requests answered a second (acknowledged or refused as meant) by clients sending back to back. */
    private static double capacity(Departments departments, Duration measure) throws InterruptedException {
        AtomicInteger served = new AtomicInteger();
        long until = System.nanoTime() + measure.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < MEASURING_CLIENTS; i++) {
            Random random = new Random(1_000 + i);
            Thread client = new Thread(() -> {
                while (System.nanoTime() - until < 0) {
                    Entry entry = departments.offer(departments.next(random)).join();
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

    private static boolean answered(Entry e) {
        return e.outcome() instanceof Outcome.Acknowledged || e.outcome() instanceof Outcome.Refused;
    }

    private static boolean shed(Entry e) {
        return e.outcome() instanceof Outcome.Shed;
    }

    private static int count(List<Entry> entries, Predicate<Entry> which) {
        return (int) entries.stream().filter(which).count();
    }

    private static Duration percentile(List<Entry> entries, Predicate<Entry> which, double p) {
        return Duration.ofNanos(ChaosRun.percentile(entries.stream().filter(which).map(e -> e.latency().toNanos())
                .sorted().toList(), p));
    }
}
