package io.planpulse.indicators.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstPassesThenTheRateApplies() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(SECOND / 2, bucket.take(0), "the next token comes in half a second at 2 a second");
        assertEquals(SECOND / 4, bucket.take(SECOND / 4), "a refused request takes nothing");
        assertEquals(0, bucket.take(SECOND / 2));
        assertEquals(SECOND / 2, bucket.take(SECOND / 2));
    }

    @Test
    void anIdleBucketFillsUpToItsBurstOnly() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        bucket.take(0);
        bucket.take(0);
        long later = 3600 * SECOND;
        assertEquals(0, bucket.take(later));
        assertEquals(0, bucket.take(later));
        assertEquals(SECOND / 10, bucket.take(later));
    }

    @Test
    void timeGoingBackwardsTakesNothingAway() {
        TokenBucket bucket = new TokenBucket(1, 1, 10 * SECOND);
        assertEquals(0, bucket.take(10 * SECOND));
        assertEquals(SECOND, bucket.take(5 * SECOND));
        assertEquals(0, bucket.take(11 * SECOND));
    }

    @Test
    void aRateAndABurstAreNeeded() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    }
}
