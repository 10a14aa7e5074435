package io.planpulse.reporting.rest;

import io.planpulse.platform.rest.Identities;
import io.planpulse.platform.rest.Roles;
import io.planpulse.reporting.board.Lang;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * The board's defence against cross-site requests (DESIGN §8). A signed-in browser sends its
 * session cookie with any request, also one that another site makes it send; so every request of
 * the board that changes something (any method but GET, HEAD and OPTIONS, outside the API, whose
 * writes take only bearer tokens) must carry, in the form field {@value #FIELD}, a token that only a
 * page of the board can know: an HMAC of the person's session, under a key of the service. A request
 * whose {@code Origin} is another site, or without the right token, is refused with a page that
 * says so, and changes nothing. A request without a session has nothing to ride on and is let
 * through to the resource, which refuses it if it needs a person.
 */
@ApplicationScoped
public class BoardCsrf {

    public static final String FIELD = "csrf";
    private static final List<String> ROLES = List.of(Roles.ADMIN, Roles.PLANNER, Roles.REPORTER, Roles.VIEWER);

    private final byte[] key;
    private final CurrentIdentityAssociation identity;

    /**
     * The key: the board client's secret where people sign in with the identity provider (the same in
     * every instance, so a page of one is good for another); else, for login links on one machine, a
     * random one of this instance.
     */
    public BoardCsrf(@ConfigProperty(name = "quarkus.oidc." + BoardTenant.ID + ".credentials.secret") Optional<String> secret,
                     CurrentIdentityAssociation identity) {
        this.key = secret.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
        this.identity = identity;
    }

    /** Who is signed in (and their forms' token), or empty. */
    public Uni<Optional<BoardPerson>> person(RoutingContext context) {
        return identity.getDeferredIdentity().map(i -> i.isAnonymous() ? Optional.empty() : Optional.of(person(i, context)));
    }

    @ServerRequestFilter
    @WithFormRead
    public Uni<Response> verify(ResteasyReactiveContainerRequestContext request, RoutingContext context) {
        String method = request.getMethod();
        String path = context.normalizedPath();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || path.startsWith("/api/")
                || path.startsWith("/q/")) {
            return Uni.createFrom().nullItem();
        }
        String origin = context.request().getHeader("Origin");
        if (origin != null && !origin.equals("null") && !sameSite(origin, context)) {
            return Uni.createFrom().item(refused(request, "the request came from another site (" + origin + ")"));
        }
        Object sent = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormParameter(FIELD, true, false);
        return identity.getDeferredIdentity().onFailure().recoverWithNull().map(i -> {
            if (i == null || i.isAnonymous()) {
                return null;
            }
            String expected = token(i, context);
            return sent instanceof String s && MessageDigest.isEqual(s.getBytes(StandardCharsets.US_ASCII),
                    expected.getBytes(StandardCharsets.US_ASCII)) ? null
                    : refused(request, "the request did not come from a page of the board (its security token is missing "
                            + "or wrong): open the board again and repeat it there");
        });
    }

    private BoardPerson person(SecurityIdentity identity, RoutingContext context) {
        String role = ROLES.stream().filter(identity::hasRole).findFirst().orElse("");
        return new BoardPerson(Identities.name(identity), role, Identities.dept(identity), token(identity, context));
    }

    private String token(SecurityIdentity identity, RoutingContext context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(session(identity, context).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What names the person's session: the identity provider's session id, or the login link session's cookie. */
    private static String session(SecurityIdentity identity, RoutingContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("sid") != null) {
            return "sid:" + jwt.getClaim("sid");
        }
        Cookie cookie = context.request().getCookie(SessionAuthenticationMechanism.COOKIE);
        return cookie != null ? "link:" + cookie.getValue() : "subject:" + identity.getPrincipal().getName();
    }

    private static boolean sameSite(String origin, RoutingContext context) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.equalsIgnoreCase(context.request().authority().toString());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response refused(ResteasyReactiveContainerRequestContext request, String reason) {
        Lang lang = Lang.of(request.getUriInfo().getQueryParameters().getFirst("lang"),
                request.getHeaderString("Accept-Language"));
        return BoardResource.refused(lang, reason);
    }
}
