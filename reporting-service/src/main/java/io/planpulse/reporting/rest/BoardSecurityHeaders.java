package io.planpulse.reporting.rest;

import io.planpulse.reporting.board.BoardConfig;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The board's pages and everything else this service answers (but the {@code /q/} tools, whose UI
 * needs inline scripts) say what a browser may do with them: scripts, styles and requests only from
 * this origin, never in a frame, no referrer (a login link carries a token), no caching of plan data
 * but the board's own script and style sheet, and, behind HTTPS, HTTPS only.
 */
@ApplicationScoped
public class BoardSecurityHeaders {

    private final BoardConfig config;
    private final String contentSecurityPolicy;

    /**
     * Forms go to this origin only, and, where people sign in with the identity provider, to its origin
     * too: signing out is a form whose answer sends the browser on to the provider's logout.
     */
    public BoardSecurityHeaders(BoardConfig config, BoardTenant tenant,
                                @ConfigProperty(name = "quarkus.oidc.token.issuer") Optional<String> issuer,
                                @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> provider) {
        this.config = config;
        String formAction = "'self'" + (tenant.enabled() ? issuer.or(() -> provider).map(BoardSecurityHeaders::origin)
                .map(o -> " " + o).orElse("") : "");
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; base-uri 'none'; form-action " + formAction + "; frame-ancestors 'none'";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    void register(@Observes Router router) {
        router.route().order(-90).handler(this::headers);
    }

    private void headers(RoutingContext context) {
        String path = context.request().path();
        if (!path.startsWith("/q/")) {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", contentSecurityPolicy)
                    .set("X-Content-Type-Options", "nosniff")
                    .set("X-Frame-Options", "DENY")
                    .set("Referrer-Policy", "no-referrer")
                    .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            if (!(path.startsWith("/board/") && (path.endsWith(".js") || path.endsWith(".css")))) {
                headers.set("Cache-Control", "no-store");
            }
            if (config.secureCookie()) {
                headers.set("Strict-Transport-Security", "max-age=31536000");
            }
        }
        context.next();
    }
}
