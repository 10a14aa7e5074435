package io.planpulse.platform.rest;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Once the service has been asked to stop (readiness is DOWN for {@code quarkus.shutdown.delay}
 * while requests are still served), every HTTP/1.1 response says {@code Connection: close}: a
 * client then opens a new connection for its next request, and finds the next instance, instead of
 * sending it on a kept-alive connection that this one closes when it stops, which would cut that
 * request. (HTTP/2 connections are told the same by the GOAWAY the server sends when it stops.)
 */
@ApplicationScoped
public class ConnectionDraining {

    private volatile boolean draining;

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (draining) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            context.next();
        });
    }
}
