package io.planpulse.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers {@code 400 INVALID_CHARACTER} to a request whose path or query carries the NUL character
 * ({@code %00}): no id, period or parameter of planpulse has one, and PostgreSQL's text cannot hold
 * it, so such a request would otherwise end as an error deep down.
 */
@ApplicationScoped
public class NulCharacterGuard {

    private final String problem;

    public NulCharacterGuard(ObjectMapper json) throws JsonProcessingException {
        this.problem = json.writeValueAsString(Problem.of(400, "Bad Request", "INVALID_CHARACTER",
                "a path or query parameter may not contain the NUL character (%00)"));
    }

    void register(@Observes Router router) {
        router.route().order(-110).handler(this::guard);
    }

    private void guard(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.indexOf('\0') >= 0 || uri.contains("%00")) {
            context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem);
            return;
        }
        context.next();
    }
}
