package io.planpulse.chaos;

import io.planpulse.chaos.Checker.Verdict;
import io.planpulse.chaos.Departments.Entry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run of the suite: the cluster starts, department clients push reports (single ones, JSON and
 * CSV batches), indicators-service's capacity is measured, and half of it is offered open loop
 * while the faults are injected one after the other with steady load in between; then twice the
 * service's capacity is offered for a while, then a second instance of each service starts and
 * each first one is stopped and started again beside it (clients round-robin over the ready
 * instances); the clients stop
 * (retrying what is under way for a while), and the checker proves what was promised.
 */
final class ChaosRun {

    /**
     * How a run is shaped: clients and their pace, the steady stretch between faults, the rounds of
     * faults, and how long capacity is measured and then twice that offered.
     */
    record Settings(int clients, Duration pause, Duration steady, Duration outage, int rounds, Duration measure,
            Duration overload) {

        /** A few minutes on two cores: each fault once, ten seconds of overload. */
        static Settings quick() {
            return new Settings(6, Duration.ofMillis(50), Duration.ofSeconds(6), Duration.ofSeconds(4), 1,
                    Duration.ofSeconds(4), Duration.ofSeconds(10));
        }

        /** {@code ./planpulse chaos}: every fault {@code rounds} times, three minutes of overload. */
        static Settings full(int rounds) {
            return new Settings(6, Duration.ofMillis(50), Duration.ofSeconds(20), Duration.ofSeconds(10), rounds,
                    Duration.ofSeconds(10), Duration.ofMinutes(3));
        }
    }

    /** One injected fault: when (from the start of the load) and until it healed. */
    record Injected(Fault fault, long injectedAt, long healedAt) {
    }

    /**
     * What one fault did to the clients: the requests sent meanwhile, their latencies, the longest
     * stretch without an acknowledgement, the acknowledgements in the first seconds after the
     * injection, and the attempts that failed from the fault until a few seconds after it healed.
     */
    record Impact(Fault fault, Duration took, int requests, Duration p99, Duration max, Duration ackGap,
            int acknowledgedRightAfter, List<Departments.FailedAttempt> failures, Offered offered) {

        long failed(Departments.Failure failure) {
            return failures.stream().filter(f -> f.failure() == failure).count();
        }
    }

    /**
     * What one fault did to the load offered open loop: the requests meant to be sent from its
     * injection until a few seconds after it healed, by outcome, and the answer time of those
     * answered (acknowledged or refused as meant), counted from when each was meant to be sent.
     */
    record Offered(int requests, int acknowledged, int refused, int shed, int unknown, Duration answeredP99,
            Duration answeredMax) {
    }

    /** The share of the measured capacity offered open loop while the faults are injected. */
    static final double FAULT_LOAD = 0.5;

    /** The stretch after a fault's injection in which acknowledgements show whether the service still served. */
    static final Duration RIGHT_AFTER = Duration.ofSeconds(3);

    /** How long after a fault healed its failed attempts still count as its own. */
    static final Duration AFTERMATH = Duration.ofSeconds(3);

    record Result(Verdict verdict, double capacity, List<Impact> impacts, Overload.Result overload, long proxyResets,
            Duration loadFor) {
    }

    private ChaosRun() {
    }

    static Result run(Path root, Path dir, Settings settings, PrintStream out) throws Exception {
        out.println("chaos: starting PostgreSQL, Kafka and the three services under " + dir);
        try (Cluster cluster = Cluster.start(root, dir)) {
            List<Departments.Reportable> reportables = Departments.reportables(
                    cluster.service("targets-service").url(), cluster.tokens(), Checker.PLAN_ID);
            awaitCatalogue(cluster, reportables.stream().map(Departments.Reportable::indicatorId).toList());
            Endpoints indicatorsService = new Endpoints(cluster.service("indicators-service").url());
            Endpoints targetsService = new Endpoints(cluster.service("targets-service").url());
            Departments departments = new Departments(indicatorsService, cluster.tokens(), reportables);
            Planner planner = new Planner(targetsService, cluster.tokens(), Checker.PLAN_ID);
            long start = System.nanoTime();
            departments.start(settings.clients(), settings.pause());
            planner.start(Duration.ofSeconds(2));
            Thread.sleep(settings.steady().toMillis());
            double capacity = Overload.capacity(departments, settings.measure());
            out.printf(Locale.ROOT, "chaos: indicators-service answers %.0f requests a second; offering %.0f open loop"
                    + " while the faults are injected%n", capacity, FAULT_LOAD * capacity);
            OpenLoad background = OpenLoad.start(departments, FAULT_LOAD * capacity, 7);
            List<Injected> injected = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++) {
                for (Fault fault : Fault.all(settings.outage(), planner)) {
                    injected.add(inject(fault, cluster, settings, out));
                }
            }
            background.stop(Duration.ofSeconds(30));
            out.println("chaos: measuring indicators-service's capacity, then offering twice that for "
                    + settings.overload().toSeconds() + " s");
            Overload.Result overload = Overload.run(departments, cluster.service("indicators-service"),
                    settings.measure(), settings.overload());
            Thread.sleep(settings.steady().toMillis());
            out.println("chaos: a second instance of each service");
            List<ServiceProcess> replicas = cluster.startReplicas();
            indicatorsService.add(replicas.get(Cluster.SERVICES.indexOf("indicators-service")).url());
            targetsService.add(replicas.get(Cluster.SERVICES.indexOf("targets-service")).url());
            Thread.sleep(settings.steady().toMillis());
            for (Fault fault : Fault.besideASecondInstance()) {
                injected.add(inject(fault, cluster, settings, out));
            }
            out.println("chaos: stopping the clients (requests under way are retried for up to 60 s)");
            departments.stop(Duration.ofSeconds(60));
            planner.stop();
            indicatorsService.close();
            targetsService.close();
            Duration loadFor = Duration.ofNanos(System.nanoTime() - start);
            out.println("chaos: checking");
            Verdict verdict = new Checker(cluster).check(departments, planner, Duration.ofMinutes(3));
            List<Entry> history = departments.history();
            List<Departments.FailedAttempt> failures = departments.failures();
            List<Impact> impacts = injected.stream().map(i -> impact(i, history, failures)).toList();
            return new Result(verdict, capacity, impacts, overload, cluster.postgresProxy().resets() + cluster.kafkaProxy().resets(),
                    loadFor);
        }
    }

    /** Injects a fault, waits until it healed, then lets the load run steadily for a while. */
    private static Injected inject(Fault fault, Cluster cluster, Settings settings, PrintStream out) throws Exception {
        out.println("chaos: " + fault.name());
        long at = System.nanoTime();
        fault.injection().apply(cluster);
        Injected injected = new Injected(fault, at, System.nanoTime());
        Thread.sleep(settings.steady().toMillis());
        return injected;
    }

    private static Impact impact(Injected fault, List<Entry> history, List<Departments.FailedAttempt> failures) {
        List<Entry> clients = history.stream().filter(e -> !e.offered()).toList();
        List<Long> latencies = clients.stream()
                .filter(e -> e.sentAt() >= fault.injectedAt() && e.sentAt() <= fault.healedAt())
                .map(e -> e.latency().toNanos()).sorted().toList();
        List<Long> acks = clients.stream().filter(e -> e.outcome() instanceof Departments.Outcome.Acknowledged)
                .map(Entry::endedAt).filter(t -> t >= fault.injectedAt()).sorted().toList();
        long gap = 0;
        long previous = fault.injectedAt();
        for (long t : acks) {
            gap = Math.max(gap, t - previous);
            previous = t;
            if (t > fault.healedAt()) {
                break;
            }
        }
        long until = fault.healedAt() + AFTERMATH.toNanos();
        List<Departments.FailedAttempt> failed = failures.stream()
                .filter(f -> f.at() >= fault.injectedAt() && f.at() <= until).toList();
        int rightAfter = (int) acks.stream().filter(t -> t <= fault.injectedAt() + RIGHT_AFTER.toNanos()).count();
        List<Entry> offered = history.stream()
                .filter(e -> e.offered() && e.sentAt() >= fault.injectedAt() && e.sentAt() <= until).toList();
        return new Impact(fault.fault(), Duration.ofNanos(fault.healedAt() - fault.injectedAt()), latencies.size(),
                Duration.ofNanos(percentile(latencies, 0.99)), Duration.ofNanos(percentile(latencies, 1.0)),
                Duration.ofNanos(gap), rightAfter, failed, new Offered(offered.size(),
                        Overload.count(offered, e -> e.outcome() instanceof Departments.Outcome.Acknowledged),
                        Overload.count(offered, e -> e.outcome() instanceof Departments.Outcome.Refused),
                        Overload.count(offered, Overload::shed),
                        Overload.count(offered, e -> e.outcome() instanceof Departments.Outcome.Unknown),
                        Overload.percentile(offered, Overload::answered, 0.99),
                        Overload.percentile(offered, Overload::answered, 1.0)));
    }

    static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    /** Waits until indicators-service has learned these indicators of the plan from plan.targets.v1. */
    private static void awaitCatalogue(Cluster cluster, List<String> indicatorIds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() - deadline < 0) {
            try (Connection c = cluster.dataSource("indicators").getConnection(); PreparedStatement s = c.prepareStatement(
                    "select count(*) from catalogue_indicator where not deleted and indicator_id = any(?)")) {
                s.setArray(1, c.createArrayOf("varchar", indicatorIds.toArray()));
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == indicatorIds.size()) {
                        return;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("indicators-service did not learn the plan's indicators within 2 minutes");
    }
}
