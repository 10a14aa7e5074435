package io.planpulse.common.plan;

/** Whether more (UP) or less (DOWN) of an indicator is better. */
public enum Direction {
    UP,
    DOWN
}
