package io.planpulse.reporting.rest;

import io.planpulse.platform.audit.AuditEvent;
import io.planpulse.platform.audit.AuditTrail;
import io.planpulse.platform.rest.Identities;
import io.planpulse.reporting.board.BoardConfig;
import io.planpulse.reporting.board.BoardSessions;
import io.planpulse.reporting.board.Lang;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The board's sign-in: a login link ({@code /login?token=...}) opens a session once and leaves only
 * an HttpOnly, SameSite session cookie in the browser; {@code POST /logout} closes it.
 */
@Path("/")
@Tag(name = "board")
public class LoginResource {

    /** The identity's attributes that name its OIDC tenant and that tenant's provider metadata (set by Quarkus OIDC). */
    private static final String TENANT_ATTRIBUTE = "tenant-id";
    private static final String METADATA_ATTRIBUTE = "configuration-metadata";

    private final BoardSessions sessions;
    private final BoardConfig config;
    private final CurrentIdentityAssociation identity;
    private final OidcSession oidcSession;
    private final RoutingContext context;
    private final String boardClientId;
    private final AuditTrail audit;

    public LoginResource(BoardSessions sessions, BoardConfig config, CurrentIdentityAssociation identity,
                         OidcSession oidcSession, RoutingContext context,
                         @ConfigProperty(name = "quarkus.oidc." + BoardTenant.ID + ".client-id") String boardClientId,
                         AuditTrail audit) {
        this.sessions = sessions;
        this.config = config;
        this.identity = identity;
        this.oidcSession = oidcSession;
        this.context = context;
        this.boardClientId = boardClientId;
        this.audit = audit;
    }

    @GET
    @Path("login")
    @Blocking
    @Operation(summary = "Opens a board session from a login link's short-lived token, once",
            description = "303 to the board with the session cookie; 401 with a page saying why when the token is refused.")
    public Uni<Response> login(@QueryParam("token") String token, @QueryParam("lang") String lang,
                               @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Lang l = Lang.of(lang, acceptLanguage);
        if (token == null || token.isBlank()) {
            return Uni.createFrom().item(refused(l, "the link has no token"));
        }
        return sessions.signIn(token)
                .call(in -> audit.record(in.subject(), null, AuditEvent.SIGN_IN, "login link", 303, origin()))
                .map(in -> Response.seeOther(URI.create(l == Lang.EN ? "/?lang=en" : "/")).cookie(cookie(in.cookie(), false)).build())
                .onFailure(BoardSessions.RefusedException.class).recoverWithUni(e -> audit.record(Identities.ANONYMOUS, null,
                        AuditEvent.SIGN_IN, "login link: " + e.getMessage(), 401, origin()).replaceWith(refused(l, e.getMessage())));
    }

    @POST
    @Path("logout")
    @Operation(summary = "Signs out of the board (a form of its pages, with their CSRF token)",
            description = "With the identity provider: ends the board's session and sends the browser to the provider's "
                    + "logout, which ends the person's session there too and sends them back to /signed-out. "
                    + "With a login link's session: closes it, back to the board.")
    public Uni<Response> logout(@CookieParam(SessionAuthenticationMechanism.COOKIE) String session) {
        return identity.getDeferredIdentity().onFailure().recoverWithNull().flatMap(i -> {
            Uni<Void> audited = i == null || i.isAnonymous() ? Uni.createFrom().voidItem()
                    : audit.record(Identities.name(i), Identities.dept(i), AuditEvent.SIGN_OUT, "POST /logout", 303, origin());
            if (i != null && BoardTenant.ID.equals(i.getAttribute(TENANT_ATTRIBUTE))) {
                return audited.chain(() -> identityProviderLogout(i));
            }
            Uni<Void> closed = session == null || session.isBlank() ? Uni.createFrom().voidItem() : sessions.signOut(session);
            return audited.chain(() -> closed).replaceWith(Response.seeOther(URI.create("/")).cookie(cookie("", true)).build());
        });
    }

    private String origin() {
        return context.request().remoteAddress() == null ? null : context.request().remoteAddress().hostAddress();
    }

    /**
     * RP-initiated logout: the board's session cookie goes, and the provider ends its session for the ID
     * token the board held, then sends the browser back to the address its client lists for that.
     */
    private Uni<Response> identityProviderLogout(SecurityIdentity person) {
        OidcConfigurationMetadata provider = person.getAttribute(METADATA_ATTRIBUTE);
        String idToken = ((JsonWebToken) person.getPrincipal()).getRawToken();
        // behind the gateway, scheme and host are those it was asked for (X-Forwarded-*, which the cluster trusts)
        String back = context.request().scheme() + "://" + context.request().authority() + "/signed-out";
        URI end = UriBuilder.fromUri(provider.getEndSessionUri()).queryParam("client_id", boardClientId)
                .queryParam("id_token_hint", idToken).queryParam("post_logout_redirect_uri", back).build();
        return oidcSession.logout().replaceWith(Response.seeOther(end).build());
    }

    private Response refused(Lang lang, String reason) {
        return BoardResource.html(BoardResource.Templates.signIn(new BoardLinks(config.plan(), lang, null, null, null),
                reason), lang, Response.Status.UNAUTHORIZED);
    }

    private NewCookie cookie(String value, boolean expired) {
        return new NewCookie.Builder(SessionAuthenticationMechanism.COOKIE).value(value).path("/").httpOnly(true)
                .secure(config.secureCookie()).sameSite(NewCookie.SameSite.LAX)
                .maxAge(expired ? 0 : (int) config.sessionDuration().toSeconds()).build();
    }
}
