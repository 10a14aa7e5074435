package io.planpulse.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Department systems pushing single reports as a well-behaved client would: every request has an
 * {@code Idempotency-Key} and is retried with the same key and body until it gets an answer
 * (2xx or a refusal), backing off and honouring {@code Retry-After}. Every request's fate goes into
 * the history. One request in ten is wrong on purpose (another department's indicator, or a period
 * that does not exist) and must be refused.
 */
final class Departments {

    /**
     * What can be reported: an indicator of the plan, its period grain, the years its target spans
     * (after the baseline's, up to the target's) and the departments that own it.
     */
    record Reportable(String indicatorId, String frequency, int fromYear, int toYear, List<String> owners) {

        String owner() {
            return owners.get(0);
        }

        String period(Random random) {
            int year = fromYear + random.nextInt(toYear - fromYear + 1);
            return switch (frequency) {
                case "MONTH" -> "%d-%02d".formatted(year, 1 + random.nextInt(12));
                case "QUARTER" -> year + "-Q" + (1 + random.nextInt(4));
                case "HALF" -> year + "-H" + (1 + random.nextInt(2));
                default -> Integer.toString(year);
            };
        }
    }

    /** One logical request: what was sent, under which key, and whether it was meant to be refused. */
    record Request(String key, String indicatorId, String period, BigDecimal value, String dept, boolean wrong) {

        /** The note that marks the request's revision in the store. */
        String note() {
            return "chaos " + key;
        }
    }

    /** How a request ended. */
    sealed interface Outcome {
        /** Stored: the revision the service named (status 200 or 201). */
        record Acknowledged(int status, int revision) implements Outcome {
        }

        /** Refused with a 4xx that a retry does not change, and the problem's code. */
        record Refused(int status, String code) implements Outcome {
        }

        /**
         * Turned away by load, not retried: {@code 429 RATE_LIMITED} or {@code 503 OVERLOADED},
         * which promise that nothing was stored; {@code retryAfter} is the header's value, if any.
         */
        record Shed(int status, String code, String retryAfter) implements Outcome {
        }

        /** No answer by the end of the run: stored at most once, or not at all. */
        record Unknown(String lastFailure) implements Outcome {
        }
    }

    /** How an attempt failed, so that a fault's effect can be told apart from a refused connection. */
    enum Failure {
        /** The request never reached the service: nothing listened (down or restarting). */
        NOT_REACHED,
        /** The connection broke or ended before the answer: a request in flight was cut. */
        CUT,
        /** No answer within the client's timeout. */
        TIMED_OUT,
        /** The service answered 5xx, 409 (still running) or 429. */
        ANSWERED_RETRY
    }

    /** A failed attempt, when it ended ({@link System#nanoTime}), what the client saw, and the HTTP status (0: none). */
    record FailedAttempt(long at, Failure failure, String detail, int status) {
    }

    /** The status under which attempts without an answer are counted. */
    static final int NO_ANSWER = 0;

    /** A request's fate, with when it was first sent and when it ended ({@link System#nanoTime}). */
    record Entry(Request request, Outcome outcome, int attempts, long sentAt, long endedAt) {

        Duration latency() {
            return Duration.ofNanos(endedAt - sentAt);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** HTTP/1.1 with kept-alive connections, as most department systems send. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Endpoints indicatorsService;
    private final Tokens tokens;
    private final List<Reportable> reportables;
    private final ConcurrentLinkedQueue<Entry> history = new ConcurrentLinkedQueue<>();
    private final AtomicLong attempts = new AtomicLong();
    private final ConcurrentLinkedQueue<FailedAttempt> failures = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean sending;
    private volatile long giveUpAt;

    Departments(Endpoints indicatorsService, Tokens tokens, List<Reportable> reportables) {
        this.indicatorsService = indicatorsService;
        this.tokens = tokens;
        this.reportables = List.copyOf(reportables);
    }

    /**
     * The indicators of a plan that take reports of their own (not milestones, not relative
     * indicators that compare other series), read from targets-service.
     */
    static List<Reportable> reportables(String targetsServiceUrl, Tokens tokens, String planId)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(targetsServiceUrl + "/api/v1/plans/" + planId))
                .header("Authorization", "Bearer " + tokens.token("viewer", "DRC")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the plan " + planId + " could not be read: " + response.statusCode());
        }
        JsonNode plan = JSON.readTree(response.body());
        int windowFrom = year(plan.get("window").get("from"));
        int windowTo = year(plan.get("window").get("to"));
        List<Reportable> found = new ArrayList<>();
        for (JsonNode indicator : plan.get("indicators")) {
            String kind = indicator.path("kind").asText();
            if (List.of("LEVEL", "SERIES", "CUMULATIVE", "GROWTH").contains(kind)) {
                List<String> owners = new ArrayList<>();
                indicator.get("owners").forEach(o -> owners.add(o.asText()));
                // a target's span: from after its baseline (else its own start) to its end; a series has the plan's window
                JsonNode target = indicator.path("target");
                int toYear = target.has("to") ? year(target.get("to")) : target.has("period") ? year(target.get("period"))
                        : windowTo;
                int fromYear = indicator.path("baseline").has("period") ? year(indicator.get("baseline").get("period")) + 1
                        : target.has("from") ? year(target.get("from")) : target.has("period") ? toYear : windowFrom;
                found.add(new Reportable(indicator.get("id").asText(), indicator.path("frequency").asText("YEAR"),
                        fromYear, toYear, List.copyOf(owners)));
            }
        }
        return found;
    }

    private static int year(JsonNode period) {
        return Integer.parseInt(period.asText().substring(0, 4));
    }

    /** Starts {@code count} clients, each sending a request every {@code pause}. */
    void start(int count, Duration pause) {
        sending = true;
        for (int i = 0; i < count; i++) {
            Random random = new Random(i);
            Thread client = new Thread(() -> {
                while (sending) {
                    send(next(random));
                    sleep(pause.toMillis());
                }
            }, "department-" + i);
            client.setDaemon(true);
            client.start();
            clients.add(client);
        }
    }

    /** Stops sending new requests; those under way are retried until {@code drain} has passed, then left unknown. */
    void stop(Duration drain) throws InterruptedException {
        giveUpAt = System.nanoTime() + drain.toNanos();
        sending = false;
        for (Thread client : clients) {
            client.join(drain.toMillis() + 10_000);
        }
    }

    List<Entry> history() {
        return List.copyOf(history);
    }

    /** Every HTTP attempt made, and those that failed (no answer, 5xx, 409, 429) and were retried. */
    long attempts() {
        return attempts.get();
    }

    long failedAttempts() {
        return failures.size();
    }

    /** Every attempt by the status it was answered with ({@link #NO_ANSWER}: none), the offered load's too. */
    Map<Integer, Long> statuses() {
        return new TreeMap<>(statuses);
    }

    List<FailedAttempt> failures() {
        return List.copyOf(failures);
    }

    /** A new request to a random indicator: one in ten is wrong on purpose. */
    Request next(Random random) {
        Reportable r = reportables.get(random.nextInt(reportables.size()));
        String key = UUID.randomUUID().toString();
        BigDecimal value = BigDecimal.valueOf(random.nextInt(100_000), 2);
        return switch (random.nextInt(20)) {
            case 0 -> new Request(key, r.indicatorId(), r.period(random), value, notOwning(r), true);
            case 1 -> new Request(key, r.indicatorId(), "2023-13", value, r.owner(), true);
            default -> new Request(key, r.indicatorId(), r.period(random), value, r.owner(), false);
        };
    }

    /** A department of the plan that does not own this indicator. */
    private String notOwning(Reportable r) {
        return reportables.stream().map(Reportable::owner).filter(d -> !r.owners().contains(d)).findFirst()
                .orElseThrow();
    }

    private HttpRequest http(Request request) {
        ObjectNode body = JSON.createObjectNode().put("indicatorId", request.indicatorId())
                .put("period", request.period()).put("note", request.note());
        body.put("value", request.value());
        return HttpRequest.newBuilder(URI.create(indicatorsService.next() + "/api/v1/reports")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + tokens.token("reporter", request.dept()))
                .header("Content-Type", "application/json").header("Idempotency-Key", request.key())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    /**
     * Sends a request once, without retrying, as load offered whatever the service does: the
     * answer goes into the history (a 429 or 503 that promises nothing was stored as {@link
     * Outcome.Shed}, any other failure as unknown).
     */
    CompletableFuture<Entry> offer(Request request) {
        long sentAt = System.nanoTime();
        attempts.incrementAndGet();
        return http.sendAsync(http(request), HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            Outcome outcome;
            if (error != null) {
                outcome = new Outcome.Unknown(error.getClass().getSimpleName() + ": " + error.getMessage());
            } else {
                outcome = outcome(response);
            }
            statuses.merge(error != null ? NO_ANSWER : response.statusCode(), 1L, Long::sum);
            Entry entry = new Entry(request, outcome, 1, sentAt, System.nanoTime());
            history.add(entry);
            return entry;
        });
    }

    private static Outcome outcome(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String code = code(response);
        if (status == 200 || status == 201) {
            return new Outcome.Acknowledged(status, revision(response));
        }
        if (status == 429 && "RATE_LIMITED".equals(code) || status == 503 && "OVERLOADED".equals(code)) {
            return new Outcome.Shed(status, code, response.headers().firstValue("Retry-After").orElse(null));
        }
        if (status >= 400 && status < 500 && status != 409 && status != 429) {
            return new Outcome.Refused(status, code);
        }
        return new Outcome.Unknown("HTTP " + status + " " + code);
    }

    private static int revision(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body()).get("revision").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String code(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body()).path("code").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private void send(Request request) {
        int attempt = 0;
        String failure = "not sent";
        long sentAt = System.nanoTime();
        while (attempt == 0 || sending || System.nanoTime() - giveUpAt < 0) {
            attempt++;
            attempts.incrementAndGet();
            Optional<Long> retryAfter = Optional.empty();
            try {
                HttpResponse<byte[]> response = http.send(http(request), HttpResponse.BodyHandlers.ofByteArray());
                statuses.merge(response.statusCode(), 1L, Long::sum);
                Outcome outcome = outcome(response);
                if (outcome instanceof Outcome.Acknowledged || outcome instanceof Outcome.Refused) {
                    history.add(new Entry(request, outcome, attempt, sentAt, System.nanoTime()));
                    return;
                }
                failure = "HTTP " + response.statusCode();
                failures.add(new FailedAttempt(System.nanoTime(), Failure.ANSWERED_RETRY, failure, response.statusCode()));
                retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong);
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                statuses.merge(NO_ANSWER, 1L, Long::sum);
                failures.add(new FailedAttempt(System.nanoTime(), failure(e), failure, NO_ANSWER));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(retryAfter.map(s -> s * 1000).orElse(Math.min(2_000L, 100L * attempt)));
        }
        history.add(new Entry(request, new Outcome.Unknown(failure), attempt, sentAt, System.nanoTime()));
    }

    private static Failure failure(IOException e) {
        return e instanceof java.net.ConnectException ? Failure.NOT_REACHED
                : e instanceof java.net.http.HttpTimeoutException ? Failure.TIMED_OUT : Failure.CUT;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
