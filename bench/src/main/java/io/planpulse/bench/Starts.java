package io.planpulse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each service stopped and started again through the launcher ({@code ./planpulse restart NAME}),
 * with everything else running, as an operator restarts one: the time from the launcher's exec of
 * the JVM to the service's first ready answer, which the launcher writes to
 * {@code .planpulse/run/NAME.ready-ms}. Warm: with the class archive an earlier run of the same
 * build wrote; cold: without it ({@code PLANPULSE_CLASS_ARCHIVE=off}), as the first start after a
 * build is.
 */
final class Starts {

    static final List<String> SERVICES = List.of("targets-service", "indicators-service", "reporting-service");

    private Starts() {
    }

    /** The seconds from exec to ready of {@code times} restarts of each service, in order. */
    static Map<String, List<Double>> measure(Settings s, boolean archive, int times) throws Exception {
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (String service : SERVICES) {
            List<Double> each = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                restart(s, service, archive);
                each.add(Footprint.readySeconds(s.run(), service));
            }
            seconds.put(service, each);
        }
        return seconds;
    }

    private static void restart(Settings s, String service, boolean archive) throws Exception {
        Path log = s.logs().resolve("bench-restart.log");
        ProcessBuilder restart = new ProcessBuilder(s.root().resolve("planpulse").toString(), "restart", service)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        restart.environment().put("PLANPULSE_CLASS_ARCHIVE", archive ? "on" : "off");
        int exit = restart.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("./planpulse restart " + service + " failed (exit " + exit + "; see "
                    + log + "): " + tail(log));
        }
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
