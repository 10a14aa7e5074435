package io.planpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU seconds each part of the machine has used, from the kernel's counts (/proc): each service
 * (the process the launcher records), PostgreSQL (every process named postgres: its backends, its
 * writers), the Kafka broker, this harness, and the whole machine (every core's busy time). Taken
 * before and after a step, it shows where a report's CPU goes on a machine they all share. A
 * PostgreSQL process that ends within the step takes its seconds with it (the services' pools keep
 * their connections, so the backends that work stay).
 */
final class CpuUse {

    static final String MACHINE = "machine";
    private static final double TICKS_PER_SECOND = 100; // USER_HZ: the unit of /proc's times on Linux

    private CpuUse() {
    }

    /** The seconds used so far by each part. */
    static Map<String, Double> now(Path run) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String service : Starts.SERVICES) {
            seconds.put(service, processSeconds(Footprint.recordedPid(run, service)));
        }
        seconds.put("postgres", postgresSeconds());
        seconds.put("kafka", processSeconds(Footprint.recordedPid(run, "kafka")));
        seconds.put("harness", processSeconds(ProcessHandle.current().pid()));
        seconds.put(MACHINE, machineSeconds());
        return seconds;
    }

    /** What each part used from {@code before} until now. */
    static Map<String, Double> since(Map<String, Double> before, Path run) {
        Map<String, Double> used = new LinkedHashMap<>();
        now(run).forEach((part, seconds) -> used.put(part, Math.max(0, seconds - before.getOrDefault(part, 0.0))));
        return used;
    }

    /** utime + stime of a process, in seconds; 0 when there is no such process. */
    static double processSeconds(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name, in parentheses, may hold spaces: the fields are counted after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double postgresSeconds() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().equals("postgres");
                        } catch (IOException e) {
                            return false; // ended meanwhile
                        }
                    })
                    .mapToDouble(p -> processSeconds(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Every core's busy time (all but idle and iowait), in seconds. */
    private static double machineSeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
