package io.planpulse.indicators.rest;

import io.planpulse.indicators.service.IngestionConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a request whose declared length is over the limit with 413 problem+json before its body
 * is read (the HTTP layer's own limit would answer without a body).
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final IngestionConfig config;

    public BodyLimitFilter(IngestionConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::limit);
    }

    private void limit(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > config.maxBytes()) {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end("{\"type\":\"urn:planpulse:problem:payload-too-large\",\"title\":\"Request Entity Too Large\","
                            + "\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\",\"detail\":\"a request body is at most "
                            + config.maxBytes() + " bytes\"}");
            return;
        }
        context.next();
    }
}
