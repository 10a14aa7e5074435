package io.planpulse.chaos;

import java.time.Duration;
import java.util.List;

/**
 * One kind of fault the suite injects into a running cluster, and how it heals; a graceful one is a
 * stop the platform asks for (SIGTERM), which must not fail a request that reached the service; a
 * replicated one hits an instance while a second instance of its service goes on serving, so that
 * no request may fail at all.
 */
record Fault(String name, boolean graceful, boolean replicated, Injection injection) {

    @FunctionalInterface
    interface Injection {
        /** Injects the fault and returns once it is healed (restarted, reconnected, passing again). */
        void apply(Cluster cluster) throws Exception;
    }

    /**
     * Each kind once: crashes and graceful shutdowns of both services that take reports, a crash of
     * targets-service (the planner changes the plan every 2 s), a crash of the broker, a database
     * restart and a database crash, network faults.
     */
    static List<Fault> all(Duration outage, Planner planner) {
        return List.of(
                fault("SIGKILL indicators-service, restart", c -> crash(c.service("indicators-service"))),
                fault("SIGKILL reporting-service under load, restart", c -> crash(c.service("reporting-service"))),
                new Fault("SIGTERM indicators-service under load, restart", true, false,
                        c -> shutDown(c.service("indicators-service"))),
                new Fault("SIGTERM reporting-service under load, restart", true, false,
                        c -> shutDown(c.service("reporting-service"))),
                fault("SIGKILL Kafka broker, restart after " + outage.toSeconds() + " s", c -> {
                    c.broker().kill();
                    Thread.sleep(outage.toMillis());
                    c.broker().start();
                }),
                fault("restart PostgreSQL", c -> c.postgres().restart()),
                fault("PostgreSQL crashed (SIGKILL of all its processes) under load, restart", c -> c.postgres().crash()),
                fault("SIGKILL targets-service while a planner's change is under way, restart", c -> {
                    planner.awaitChangeUnderWay(Duration.ofSeconds(10));
                    crash(c.service("targets-service"));
                }),
                fault("PostgreSQL connections +300 ms each way for " + outage.toSeconds() + " s", c -> {
                    c.postgresProxy().delay(Duration.ofMillis(300));
                    Thread.sleep(outage.toMillis());
                    c.postgresProxy().heal();
                }),
                fault("PostgreSQL connections blackholed for " + outage.toSeconds() + " s", c -> {
                    c.postgresProxy().blackhole();
                    Thread.sleep(outage.toMillis());
                    c.postgresProxy().heal();
                }),
                fault("Kafka connections blackholed for " + outage.toSeconds() + " s", c -> {
                    c.kafkaProxy().blackhole();
                    Thread.sleep(outage.toMillis());
                    c.kafkaProxy().heal();
                }),
                fault("PostgreSQL and Kafka connections reset", c -> {
                    c.postgresProxy().resetAll();
                    c.kafkaProxy().resetAll();
                }));
    }

    /**
     * With a second instance of each service running ({@link Cluster#startReplicas}): each first
     * instance asked to stop and started again, while the second serves its clients and takes over
     * its Kafka partitions.
     */
    static List<Fault> besideASecondInstance() {
        return Cluster.SERVICES.stream().map(service -> new Fault("SIGTERM " + service + " beside a second instance, restart",
                true, true, (Injection) c -> shutDown(c.service(service)))).toList();
    }

    private static Fault fault(String name, Injection injection) {
        return new Fault(name, false, false, injection);
    }

    private static void shutDown(ServiceProcess service) throws Exception {
        service.stopGracefully(Duration.ofSeconds(60));
        service.start();
    }

    private static void crash(ServiceProcess service) throws Exception {
        service.kill();
        service.start();
    }
}
