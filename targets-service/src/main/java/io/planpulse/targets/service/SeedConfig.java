package io.planpulse.targets.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The shipped plan's settings ({@code planpulse.seed.*}); every one can be set by environment variable. */
@ConfigMapping(prefix = "planpulse.seed")
public interface SeedConfig {

    /** Load the shipped plan when the service starts on a database that has never held a plan. */
    @WithDefault("true")
    boolean enabled();

    /** The classpath resource of the plan document to load. */
    @WithDefault("seed/fyp14.yaml")
    String resource();
}
