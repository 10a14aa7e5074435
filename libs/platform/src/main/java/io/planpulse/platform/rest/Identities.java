package io.planpulse.platform.rest;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What the services read of a caller's identity, whichever way it signed in (bearer token, board session). */
public final class Identities {

    public static final String ANONYMOUS = "anonymous";

    private Identities() {
    }

    /** Its principal's name; {@value #ANONYMOUS} for none (no credentials, or bad ones). */
    public static String name(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? ANONYMOUS : identity.getPrincipal().getName();
    }

    /** Its department: the token's {@code dept} claim, or null (an admin's token, a login link's session). */
    public static String dept(SecurityIdentity identity) {
        return identity != null && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("dept") != null
                ? jwt.getClaim("dept").toString() : null;
    }
}
