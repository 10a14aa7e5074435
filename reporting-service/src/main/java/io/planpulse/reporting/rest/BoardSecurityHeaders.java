package io.planpulse.reporting.rest;

import io.planpulse.reporting.board.BoardConfig;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The board's pages and everything else this service answers (but the {@code /q/} tools, whose UI
 * needs inline scripts) say what a browser may do with them: scripts, styles and requests only from
 * this origin, never in a frame, no referrer (a login link carries a token), no caching of plan data
 * but the board's own script and style sheet, and, behind HTTPS, HTTPS only.
 */
@ApplicationScoped
public class BoardSecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final BoardConfig config;

    public BoardSecurityHeaders(BoardConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        router.route().order(-90).handler(this::headers);
    }

    private void headers(RoutingContext context) {
        String path = context.request().path();
        if (!path.startsWith("/q/")) {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
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
