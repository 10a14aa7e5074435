package io.planpulse.platform.audit;

import java.time.Instant;

/** One entry of the audit trail: who ({@code actor}, {@code dept}) did what, when, from where, and how it ended. */
public record AuditEvent(Instant at, String actor, String dept, String action, String what, int outcome, String origin) {

    public static final String SIGN_IN = "sign-in";
    public static final String SIGN_OUT = "sign-out";
    public static final String WRITE = "write";
    public static final String EXPORT = "export";
}
