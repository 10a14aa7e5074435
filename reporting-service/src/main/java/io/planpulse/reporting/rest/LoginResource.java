package io.planpulse.reporting.rest;

import io.planpulse.reporting.board.BoardConfig;
import io.planpulse.reporting.board.BoardSessions;
import io.planpulse.reporting.board.Lang;
import io.smallrye.common.annotation.Blocking;
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
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The board's sign-in: a login link ({@code /login?token=...}) opens a session once and leaves only
 * an HttpOnly, SameSite session cookie in the browser; {@code POST /logout} closes it.
 */
@Path("/")
@Tag(name = "board")
public class LoginResource {

    private final BoardSessions sessions;
    private final BoardConfig config;

    public LoginResource(BoardSessions sessions, BoardConfig config) {
        this.sessions = sessions;
        this.config = config;
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
                .map(id -> Response.seeOther(URI.create(l == Lang.EN ? "/?lang=en" : "/")).cookie(cookie(id, false)).build())
                .onFailure(BoardSessions.RefusedException.class).recoverWithItem(e -> refused(l, e.getMessage()));
    }

    @POST
    @Path("logout")
    @Operation(summary = "Closes the board session")
    public Uni<Response> logout(@CookieParam(SessionAuthenticationMechanism.COOKIE) String session) {
        Uni<Void> closed = session == null || session.isBlank() ? Uni.createFrom().voidItem() : sessions.signOut(session);
        return closed.replaceWith(Response.seeOther(URI.create("/")).cookie(cookie("", true)).build());
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
