package io.planpulse.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Department systems pushing reports as a well-behaved client would: single reports, and now and
 * then a batch as JSON or as a CSV file. Every request has an {@code Idempotency-Key} and is retried
 * with the same key and body until it gets an answer (2xx or a refusal), backing off and honouring
 * {@code Retry-After}. Every report's fate goes into the history, a batch's row by row. One report
 * in ten is wrong on purpose (another department's indicator, or a period that does not exist) and
 * must be refused.
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

    /** How a report travels: on its own, or as a row of a JSON or CSV batch. */
    enum Via {
        SINGLE, JSON_BATCH, CSV_BATCH
    }

    /**
     * One report: what was sent, under which key (a batch row's is the batch's key and its index),
     * whether it was meant not to be stored (refused, or in an atomic batch with a row that is) and
     * how it travelled.
     */
    record Request(String key, String indicatorId, String period, BigDecimal value, String dept, boolean wrong, Via via) {

        Request(String key, String indicatorId, String period, BigDecimal value, String dept, boolean wrong) {
            this(key, indicatorId, period, value, dept, wrong, Via.SINGLE);
        }

        /** The note that marks the request's revision in the store. */
        String note() {
            return "chaos " + key;
        }
    }

    /**
     * What one HTTP request carries under one {@code Idempotency-Key}: a single report, or the rows
     * of one department's batch, stored row by row or (atomic) all or nothing.
     */
    record Submission(String key, Via via, boolean atomic, List<Request> rows) {

        static Submission single(Request request) {
            return new Submission(request.key(), Via.SINGLE, false, List.of(request));
        }

        String dept() {
            return rows.get(0).dept();
        }
    }

    /** How a request ended. */
    sealed interface Outcome {
        /**
         * Stored: the revision the service named (status 200 or 201), or {@link #UNNAMED} for a
         * batch row (a batch's summary counts the rows stored, it does not name their revisions).
         */
        record Acknowledged(int status, int revision) implements Outcome {
            static final int UNNAMED = 0;
        }

        /**
         * Refused with a 4xx that a retry does not change, and the problem's code; a batch row's
         * conflict is refused with the batch's status (200, or 422 for an atomic batch refused whole).
         */
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
        /** The service answered 5xx or 409 (still running), and that is retried. */
        ANSWERED_RETRY,
        /** Turned away by load ({@code 429 RATE_LIMITED}, {@code 503 OVERLOADED}), nothing stored, and retried later. */
        SHED
    }

    /**
     * A failed attempt, when it ended ({@link System#nanoTime}), what the client saw (for an answer:
     * {@code HTTP status CODE}), and the HTTP status (0: none).
     */
    record FailedAttempt(long at, Failure failure, String detail, int status) {
    }

    /** The status under which attempts without an answer are counted. */
    static final int NO_ANSWER = 0;

    /**
     * A request's fate, with when it was first sent (for load offered open loop: when it was meant
     * to be sent) and when it ended ({@link System#nanoTime}); {@code offered} marks open-loop load.
     */
    record Entry(Request request, Outcome outcome, int attempts, long sentAt, long endedAt, boolean offered) {

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
    private final ConcurrentLinkedQueue<String> internalErrors = new ConcurrentLinkedQueue<>();
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

    /**
     * Starts {@code count} clients, each sending a submission every {@code pause}: one in ten is a
     * batch, as JSON or as a CSV file.
     */
    void start(int count, Duration pause) {
        sending = true;
        for (int i = 0; i < count; i++) {
            Random random = new Random(i);
            Thread client = new Thread(() -> {
                while (sending) {
                    send(nextSubmission(random));
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

    /** A new single report to a random indicator: one in ten is wrong on purpose. */
    Request next(Random random) {
        Reportable r = reportables.get(random.nextInt(reportables.size()));
        String key = UUID.randomUUID().toString();
        BigDecimal value = value(random);
        return switch (random.nextInt(20)) {
            case 0 -> new Request(key, r.indicatorId(), r.period(random), value, notOwning(r.owners()), true);
            case 1 -> new Request(key, r.indicatorId(), "2023-13", value, r.owner(), true);
            default -> new Request(key, r.indicatorId(), r.period(random), value, r.owner(), false);
        };
    }

    /** What a client sends next: nine times in ten a single report, else a JSON or a CSV batch. */
    Submission nextSubmission(Random random) {
        return switch (random.nextInt(20)) {
            case 0 -> batch(random, Via.JSON_BATCH);
            case 1 -> batch(random, Via.CSV_BATCH);
            default -> Submission.single(next(random));
        };
    }

    /**
     * A batch of up to 10 rows of one department, each for another indicator and period; one row in
     * ten is wrong on purpose (another department's indicator, a period that does not exist) and
     * must come back as a conflict. One batch in four is atomic: a wrong row keeps every row out.
     */
    Submission batch(Random random, Via via) {
        String dept = reportables.get(random.nextInt(reportables.size())).owner();
        List<Reportable> owned = reportables.stream().filter(r -> r.owners().contains(dept)).toList();
        Reportable foreign = reportables.stream().filter(r -> !r.owners().contains(dept)).findFirst().orElseThrow();
        String key = UUID.randomUUID().toString();
        boolean atomic = random.nextInt(4) == 0;
        int size = 2 + random.nextInt(9);
        List<Request> rows = new ArrayList<>();
        Set<String> periods = new HashSet<>();
        // a department with few indicators and periods may have fewer than size of them to report
        for (int tries = 0; rows.size() < size && tries < 10 * size; tries++) {
            Reportable r = owned.get(random.nextInt(owned.size()));
            String rowKey = key + "#" + rows.size();
            BigDecimal value = value(random);
            Request row = switch (random.nextInt(20)) {
                case 0 -> new Request(rowKey, foreign.indicatorId(), foreign.period(random), value, dept, true, via);
                case 1 -> new Request(rowKey, r.indicatorId(), "2023-13", value, dept, true, via);
                default -> new Request(rowKey, r.indicatorId(), r.period(random), value, dept, false, via);
            };
            // a second row for the same period would be a DUPLICATE_ROW conflict: not what this batch tests
            if (periods.add(row.indicatorId() + " " + row.period())) {
                rows.add(row);
            }
        }
        if (atomic && rows.stream().anyMatch(Request::wrong)) {
            rows.replaceAll(r -> new Request(r.key(), r.indicatorId(), r.period(), r.value(), r.dept(), true, via));
        }
        return new Submission(key, via, atomic, List.copyOf(rows));
    }

    private static BigDecimal value(Random random) {
        return BigDecimal.valueOf(random.nextInt(100_000), 2);
    }

    /** A department of the plan that is not one of these owners. */
    private String notOwning(List<String> owners) {
        return reportables.stream().map(Reportable::owner).filter(d -> !owners.contains(d)).findFirst()
                .orElseThrow();
    }

    private HttpRequest http(Submission submission) {
        String base = indicatorsService.next() + "/api/v1/reports";
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + tokens.token("reporter", submission.dept()))
                .header("Idempotency-Key", submission.key());
        return switch (submission.via()) {
            case SINGLE -> request.uri(URI.create(base)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(row(submission.rows().get(0)).toString())).build();
            case JSON_BATCH -> {
                ObjectNode body = JSON.createObjectNode().put("atomic", submission.atomic());
                ArrayNode reports = body.putArray("reports");
                submission.rows().forEach(r -> reports.add(row(r)));
                yield request.uri(URI.create(base + "/batch")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            }
            case CSV_BATCH -> {
                StringBuilder csv = new StringBuilder("indicatorId,period,value,provisional,note,reason\n");
                submission.rows().forEach(r -> csv.append(r.indicatorId()).append(',').append(r.period()).append(',')
                        .append(r.value().toPlainString()).append(",,").append(r.note()).append(",\n"));
                yield request.uri(URI.create(base + "/batch" + (submission.atomic() ? "?atomic=true" : "")))
                        .header("Content-Type", "text/csv; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)).build();
            }
        };
    }

    private static ObjectNode row(Request request) {
        ObjectNode row = JSON.createObjectNode().put("indicatorId", request.indicatorId())
                .put("period", request.period()).put("note", request.note());
        row.put("value", request.value());
        return row;
    }

    /**
     * Sends a single report once, without retrying, as load offered whatever the service does, at
     * or after the time it was meant to go ({@link System#nanoTime}), from which its answer time
     * counts: the answer goes into the history (a 429 or 503 that promises nothing was stored as
     * {@link Outcome.Shed}, any other failure as unknown).
     */
    CompletableFuture<Entry> offer(Request request, long intendedAt) {
        attempts.incrementAndGet();
        Submission submission = Submission.single(request);
        return http.sendAsync(http(submission), HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            Outcome outcome = error != null
                    ? new Outcome.Unknown(error.getClass().getSimpleName() + ": " + error.getMessage())
                    : outcomes(submission, response).get(0);
            if (error != null) {
                statuses.merge(NO_ANSWER, 1L, Long::sum);
            } else {
                answered(submission, response);
            }
            Entry entry = new Entry(request, outcome, 1, intendedAt, System.nanoTime(), true);
            history.add(entry);
            return entry;
        });
    }

    /**
     * What an answer says of each row: a single report's revision; a batch's conflicts by row
     * index, the other rows stored (a 200 summary) or kept out with the batch (422
     * {@code BATCH_REJECTED}); a refusal, a shedding or a failure, the same for every row.
     */
    static List<Outcome> outcomes(Submission submission, HttpResponse<byte[]> response) {
        return outcomes(submission, response.statusCode(), body(response),
                response.headers().firstValue("Retry-After").orElse(null));
    }

    static List<Outcome> outcomes(Submission submission, int status, JsonNode body, String retryAfter) {
        String code = body.path("code").asText("");
        boolean batch = submission.via() != Via.SINGLE;
        Outcome whole;
        if ((status == 200 || status == 201) && !batch) {
            whole = new Outcome.Acknowledged(status, body.path("revision").asInt(Outcome.Acknowledged.UNNAMED));
        } else if (batch && (status == 200 || status == 422 && "BATCH_REJECTED".equals(code))) {
            Map<Integer, String> conflicts = new HashMap<>();
            body.path("conflicts").forEach(c -> conflicts.put(c.path("index").asInt(), c.path("code").asText()));
            boolean stored = status == 200 && body.path("stored").asBoolean(false);
            List<Outcome> rows = new ArrayList<>();
            for (int i = 0; i < submission.rows().size(); i++) {
                String conflict = conflicts.get(i);
                rows.add(conflict != null ? new Outcome.Refused(status, conflict)
                        : stored ? new Outcome.Acknowledged(status, Outcome.Acknowledged.UNNAMED)
                        : new Outcome.Refused(status, code.isEmpty() ? "NOT_STORED" : code));
            }
            return rows;
        } else if (status == 429 && "RATE_LIMITED".equals(code) || status == 503 && "OVERLOADED".equals(code)) {
            whole = new Outcome.Shed(status, code, retryAfter);
        } else if (status >= 400 && status < 500 && status != 409 && status != 429) {
            whole = new Outcome.Refused(status, code);
        } else {
            whole = new Outcome.Unknown("HTTP " + status + " " + code);
        }
        return Collections.nCopies(submission.rows().size(), whole);
    }

    private static JsonNode body(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /**
     * Sends a submission until it gets an answer that a retry does not change (stored or refused),
     * with the same key and body each time, while the clients send and then until the drain ends.
     */
    private void send(Submission submission) {
        int attempt = 0;
        String failure = "not sent";
        long sentAt = System.nanoTime();
        while (attempt == 0 || sending || System.nanoTime() - giveUpAt < 0) {
            attempt++;
            attempts.incrementAndGet();
            Optional<Long> retryAfter = Optional.empty();
            try {
                HttpResponse<byte[]> response = http.send(http(submission), HttpResponse.BodyHandlers.ofByteArray());
                answered(submission, response);
                List<Outcome> outcomes = outcomes(submission, response);
                Outcome first = outcomes.get(0);
                if (first instanceof Outcome.Acknowledged || first instanceof Outcome.Refused) {
                    record(submission, outcomes, attempt, sentAt);
                    return;
                }
                failure = "HTTP " + response.statusCode() + " " + body(response).path("code").asText("");
                failures.add(new FailedAttempt(System.nanoTime(), first instanceof Outcome.Shed ? Failure.SHED
                        : Failure.ANSWERED_RETRY, failure, response.statusCode()));
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
        record(submission, Collections.nCopies(submission.rows().size(), new Outcome.Unknown(failure)), attempt, sentAt);
    }

    /** Counts an answer by its status, and keeps the first few 500s whole: a 500 is a defect to be found. */
    private void answered(Submission submission, HttpResponse<byte[]> response) {
        statuses.merge(response.statusCode(), 1L, Long::sum);
        if (response.statusCode() == 500 && internalErrors.size() < 10) {
            internalErrors.add(Instant.now() + " " + submission.via() + " " + response.uri() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    /** The first few answers 500, when and to what, with their bodies. */
    List<String> internalErrors() {
        return List.copyOf(internalErrors);
    }

    private void record(Submission submission, List<Outcome> outcomes, int attempts, long sentAt) {
        long endedAt = System.nanoTime();
        for (int i = 0; i < outcomes.size(); i++) {
            history.add(new Entry(submission.rows().get(i), outcomes.get(i), attempts, sentAt, endedAt, false));
        }
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
