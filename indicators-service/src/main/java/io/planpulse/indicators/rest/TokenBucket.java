package io.planpulse.indicators.rest;

/**
 * A token bucket: up to {@code burst} requests at once, refilled at {@code perSecond}. Time comes
 * in as nanoseconds from any fixed origin, so the bucket is tested without a clock.
 */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long updated;

    TokenBucket(double perSecond, int burst, long now) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate above 0 and a burst of at least 1, not " + perSecond + "/" + burst);
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.updated = now;
    }

    /** Takes a token: 0 when one was there, else the nanoseconds until the next one (nothing taken). */
    synchronized long take(long now) {
        if (now > updated) {
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }
}
