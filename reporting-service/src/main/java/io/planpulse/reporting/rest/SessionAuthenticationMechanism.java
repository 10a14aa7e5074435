package io.planpulse.reporting.rest;

import io.planpulse.platform.rest.Roles;
import io.planpulse.reporting.board.BoardSessions;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Signs in a browser by its board session cookie: a session grants {@code viewer}, whatever the
 * role of the token that opened it, so the cookie can only read. Without the cookie (or with one
 * that has expired) the request goes on to the bearer-token mechanism, and is anonymous when it has
 * no token either.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String COOKIE = "planpulse_board";

    private final BoardSessions sessions;

    public SessionAuthenticationMechanism(BoardSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return sessions.subject(cookie.getValue()).map(subject -> subject.<SecurityIdentity>map(s -> QuarkusSecurityIdentity
                .builder().setPrincipal(new QuarkusPrincipal(s)).addRole(Roles.VIEWER).build()).orElse(null));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    /** Below the bearer-token mechanism, whose challenge (WWW-Authenticate: Bearer) the API answers with. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 500;
    }
}
