package io.planpulse.model.plan;

/** Whether more (UP) or less (DOWN) of an indicator is better. */
public enum Direction {
    UP,
    DOWN
}
