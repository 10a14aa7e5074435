package io.planpulse.indicators.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.planpulse.indicators.service.IngestionConfig;
import io.planpulse.platform.rest.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Decides on a request from its headers, before its body is read:
 * <ul>
 * <li>a declared length over {@code max-bytes} is 413 PAYLOAD_TOO_LARGE (the HTTP layer's own limit
 * would answer without a body);</li>
 * <li>a write ({@code POST /api/v1/reports...}) that would take the service over
 * {@code max-in-flight} requests or {@code max-in-flight-bytes} of bodies is 503 OVERLOADED with
 * {@code Retry-After: 1}, at once: under more load than it can serve, the service answers the
 * excess fast and keeps its memory and its latency for the requests it took.</li>
 * </ul>
 */
@ApplicationScoped
public class IngressLimits {

    private static final String WRITES = "/api/v1/reports";
    private static final Pattern LENGTH = Pattern.compile("\\d{1,18}");
    /** A refused body longer than this is not read: the connection is closed instead. */
    private static final long DRAINED_BYTES = 64 * 1024;

    private final IngestionConfig config;
    private final ObjectMapper json;
    private final Counter overloaded;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong inFlightBytes = new AtomicLong();

    public IngressLimits(IngestionConfig config, ObjectMapper json, MeterRegistry registry) {
        this.config = config;
        this.json = json;
        this.overloaded = Counter.builder("planpulse.reports.overloaded")
                .description("write requests answered 503 because the service had as many as it serves at once")
                .register(registry);
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::limit);
    }

    private void limit(RoutingContext context) {
        long length = declaredLength(context);
        if (length > config.maxBytes()) {
            refuse(context, Problem.of(413, "Request Entity Too Large", "PAYLOAD_TOO_LARGE",
                    "a request body is at most " + config.maxBytes() + " bytes"), true);
            return;
        }
        if (context.request().method() != HttpMethod.POST || !context.request().path().startsWith(WRITES)) {
            context.next();
            return;
        }
        long weight = length < 0 ? config.maxBytes() : length;
        if (!take(weight)) {
            overloaded.increment();
            context.response().putHeader("Retry-After", "1");
            refuse(context, Problem.of(503, "Service Unavailable", "OVERLOADED",
                    "the service is working on as many reports as it can; send this one again after Retry-After"),
                    length < 0 || length > DRAINED_BYTES);
            return;
        }
        context.addEndHandler(done -> release(weight));
        context.next();
    }

    /** One request is always taken when none is in flight, whatever its size. */
    private boolean take(long weight) {
        int requests = inFlight.incrementAndGet();
        long bytes = inFlightBytes.addAndGet(weight);
        if (requests > 1 && (requests > config.maxInFlight() || bytes > config.maxInFlightBytes())) {
            release(weight);
            return false;
        }
        return true;
    }

    private void release(long weight) {
        inFlight.decrementAndGet();
        inFlightBytes.addAndGet(-weight);
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && LENGTH.matcher(length).matches() ? Long.parseLong(length) : -1;
    }

    private void refuse(RoutingContext context, Problem problem, boolean close) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (close) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
