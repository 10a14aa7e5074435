package io.planpulse.platform.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request that is not signed in gets the challenge of the mechanism that would sign it in: an API
 * call a 401 problem that asks for a bearer token; a browser opening a page of the board, where people
 * sign in with the identity provider, a redirect to its login (also when its session has expired and
 * could not be renewed). A script (the board's live stream, which cannot follow a login) gets the
 * 401. Replaces the framework's own mappers, which answer without a body.
 */
public class AuthenticationChallenges {

    /**
     * A request that needs a sign-in came without credentials, or with a bearer token that no tenant
     * takes (its issuer is none the service knows).
     */
    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? invalidToken(context)
                : challenge(context, Problem.of(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", "a bearer token is required"),
                        "Bearer");
    }

    /** Its credentials are not valid: a bad signature, another issuer or audience, expired; or an expired session. */
    @ServerExceptionMapper
    public Uni<Response> failed(AuthenticationFailedException e, RoutingContext context) {
        return invalidToken(context);
    }

    private static Uni<Response> invalidToken(RoutingContext context) {
        return challenge(context, Problem.of(Response.Status.UNAUTHORIZED, "INVALID_TOKEN", "the bearer token is not valid"),
                "Bearer error=\"invalid_token\"");
    }

    private static Uni<Response> challenge(RoutingContext context, Problem problem, String bearerChallenge) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem() : authenticator.getChallenge(context);
        return challenge.map(c -> {
            if (c != null && c.status != Response.Status.UNAUTHORIZED.getStatusCode() && opensAPage(context)) {
                Response.ResponseBuilder redirect = Response.status(c.status);
                c.getHeaders().forEach((name, value) -> redirect.header(name.toString(), value));
                return redirect.build();
            }
            return problem.response().header(HttpHeaders.WWW_AUTHENTICATE, bearerChallenge).build();
        });
    }

    /** A browser navigating to a page (it asks for HTML), not a script fetching data or a stream. */
    private static boolean opensAPage(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}
