package io.planpulse.reporting.board;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The board's settings ({@code planpulse.board.*}). */
@ConfigMapping(prefix = "planpulse.board")
public interface BoardConfig {

    /** The plan the board shows when the address names none. */
    @WithDefault("fyp14")
    String plan();

    /** The longest a login link's token may live (from its iat to its exp): login links are short-lived. */
    @WithDefault("PT15M")
    Duration loginTokenMaxAge();

    /** How long a board session lasts after sign-in. */
    @WithDefault("PT12H")
    Duration sessionDuration();

    /** Whether the session cookie is sent only over HTTPS (set where the board is served over TLS). */
    @WithDefault("false")
    boolean secureCookie();
}
