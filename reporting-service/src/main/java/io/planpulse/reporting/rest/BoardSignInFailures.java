package io.planpulse.reporting.rest;

import io.planpulse.reporting.board.Lang;
import io.quarkus.security.AuthenticationCompletionException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A sign-in with the identity provider that cannot be completed (a forged or replayed state, a
 * missing or wrong code, the provider's refusal) gets a page that says so, not an empty 401; the
 * reason in detail goes to the log (Quarkus OIDC logs it).
 */
public class BoardSignInFailures {

    @ServerExceptionMapper
    public Response failed(AuthenticationCompletionException e, HttpHeaders headers, UriInfo uri) {
        return BoardResource.signInFailed(Lang.of(uri.getQueryParameters().getFirst("lang"),
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
    }
}
