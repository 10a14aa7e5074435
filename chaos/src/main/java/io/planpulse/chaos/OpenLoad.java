package io.planpulse.chaos;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Single reports offered open loop at a steady rate: each at its own time, whatever the service
 * does, never retried, so that what a fault or an overload does to them shows as such and a slow
 * answer does not hold back the next request. Their answer time counts from when each was meant to
 * be sent ({@link Departments#offer}), so a generator that falls behind does not hide the wait.
 */
final class OpenLoad {

    /** Offered requests waiting for an answer beyond which the generator itself gives up sending. */
    private static final int MAX_WAITING = 4_000;

    private final Departments departments;
    private final double perSecond;
    private final Random random;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Thread generator;
    private volatile boolean offering = true;
    private volatile int notSent;
    private volatile long stoppedAt;

    /** Starts offering {@code perSecond} requests a second. */
    static OpenLoad start(Departments departments, double perSecond, long seed) {
        return new OpenLoad(departments, perSecond, seed);
    }

    private OpenLoad(Departments departments, double perSecond, long seed) {
        this.departments = departments;
        this.perSecond = perSecond;
        this.random = new Random(seed);
        this.generator = new Thread(this::offer, "open-load");
        generator.setDaemon(true);
        generator.start();
    }

    private void offer() {
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        for (long i = 0; offering; i++) {
            long intendedAt = start + (long) (i * interval);
            long wait = intendedAt - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!offering) {
                return;
            }
            if (waiting.get() >= MAX_WAITING) {
                notSent++;
                continue;
            }
            waiting.incrementAndGet();
            departments.offer(departments.next(random), intendedAt).whenComplete((entry, error) -> waiting.decrementAndGet());
        }
    }

    /**
     * Stops offering and waits up to {@code drain} for the answers under way (those still without
     * one are in the history as unknown once the client times them out).
     */
    void stop(Duration drain) throws InterruptedException {
        offering = false;
        generator.join();
        stoppedAt = System.nanoTime();
        long deadline = stoppedAt + drain.toNanos();
        while (waiting.get() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
    }

    /** When the last request was offered ({@link System#nanoTime}), once stopped. */
    long stoppedAt() {
        return stoppedAt;
    }

    /** Requests not sent because {@link #MAX_WAITING} were waiting: the generator's limit, not the service's. */
    int notSent() {
        return notSent;
    }
}
