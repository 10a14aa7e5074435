package io.planpulse.reporting.rest;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which OIDC tenant signs a request in, where people sign in to the board with the identity provider:
 * the board's (its session cookie) for the board's pages, its sign-in addresses and the reads a
 * signed-in page makes of the API (an export), but never an API write or a request with a bearer
 * token, which go to the tenant whose issuer the token names. Without the board tenant, nothing is
 * decided here.
 */
@ApplicationScoped
public class BoardTenant implements TenantResolver {

    public static final String ID = "board";

    private final boolean enabled;

    public BoardTenant(@ConfigProperty(name = "quarkus.oidc." + ID + ".tenant-enabled") boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether people sign in to the board with the identity provider (else by a login link). */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public String resolve(RoutingContext context) {
        if (!enabled) {
            return null;
        }
        String path = context.normalizedPath();
        if (path.startsWith("/q/")) {
            return null;
        }
        if (path.startsWith("/api/")) {
            HttpMethod method = context.request().method();
            boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
            return read && context.request().getHeader("Authorization") == null ? ID : null;
        }
        return ID;
    }
}
