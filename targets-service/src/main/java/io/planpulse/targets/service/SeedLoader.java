package io.planpulse.targets.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/** Loads the plan the system ships with when the service starts on an empty database. */
@ApplicationScoped
public class SeedLoader {

    static final String ACTOR = "system:seed";

    private final SeedConfig config;
    private final DocumentCodec codec;
    private final PlanService plans;

    public SeedLoader(SeedConfig config, DocumentCodec codec, PlanService plans) {
        this.config = config;
        this.codec = codec;
        this.plans = plans;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (!config.enabled()) {
            return;
        }
        Object document = read(config.resource());
        String planId = String.valueOf(((Map<?, ?>) document).get("id"));
        Optional<PlanChange> loaded = VertxContextSupport.subscribeAndAwait(
                () -> plans.loadIfEmpty(planId, document, ACTOR));
        loaded.ifPresentOrElse(
                change -> Log.infof("loaded the shipped plan %s (%d indicators)", planId, change.plan().indicators().size()),
                () -> Log.debugf("the database already holds plans; the shipped plan %s was not loaded", planId));
    }

    private Object read(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the seed plan " + resource + " is not on the classpath");
            }
            return codec.parse(in.readAllBytes(), "application/yaml");
        }
    }
}
