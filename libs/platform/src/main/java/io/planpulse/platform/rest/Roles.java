package io.planpulse.platform.rest;

/** The roles of a token's {@code groups} claim (DESIGN §8). */
public final class Roles {

    public static final String REPORTER = "reporter";
    public static final String PLANNER = "planner";
    public static final String VIEWER = "viewer";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
