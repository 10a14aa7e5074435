package io.planpulse.indicators.rest;

import io.planpulse.indicators.domain.Caller;
import io.planpulse.platform.rest.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, from its token: subject, {@code dept} claim, admin or not. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Callers(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller current() {
        Object dept = token.getClaim("dept");
        return new Caller(identity.getPrincipal().getName(), dept == null ? null : dept.toString(),
                identity.hasRole(Roles.ADMIN));
    }
}
