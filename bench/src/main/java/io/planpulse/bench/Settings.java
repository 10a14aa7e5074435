package io.planpulse.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the system under test answers and how long to measure, from the environment the launcher
 * sets ({@code ./planpulse bench}).
 */
record Settings(String targets, String indicators, String reporting, String kafka, String pgUrl, String pgUser,
                String pgPassword, String token, boolean quick, int cities, Duration step, Path root, Path logs, Path run,
                List<String> serviceJavaOptions) {

    static Settings fromEnvironment(boolean quick) {
        Map<String, String> env = System.getenv();
        return new Settings(
                env.getOrDefault("PLANPULSE_BENCH_TARGETS", "http://127.0.0.1:8081"),
                env.getOrDefault("PLANPULSE_BENCH_INDICATORS", "http://127.0.0.1:8082"),
                env.getOrDefault("PLANPULSE_BENCH_REPORTING", "http://127.0.0.1:8083"),
                env.getOrDefault("PLANPULSE_BENCH_KAFKA", "127.0.0.1:9092"),
                require(env, "PLANPULSE_BENCH_PG_URL"),
                require(env, "PLANPULSE_BENCH_PG_USER"),
                env.getOrDefault("PLANPULSE_BENCH_PG_PASSWORD", ""),
                require(env, "PLANPULSE_BENCH_TOKEN"),
                quick,
                quick ? 10 : 100,
                quick ? Duration.ofSeconds(10) : Duration.ofSeconds(60),
                Path.of(env.getOrDefault("PLANPULSE_BENCH_ROOT", ".")),
                Path.of(env.getOrDefault("PLANPULSE_BENCH_LOGS", ".planpulse/logs")),
                Path.of(env.getOrDefault("PLANPULSE_BENCH_RUN", ".planpulse/run")),
                List.of(env.getOrDefault("PLANPULSE_BENCH_SERVICE_JAVA_OPTS", "").split("\\s+")).stream()
                        .filter(o -> !o.isBlank()).toList());
    }

    /** The JDBC URL of another database on the same PostgreSQL server. */
    String pgUrl(String database) {
        return pgUrl.replaceAll("/[^/?]*(\\?.*)?$", "/" + database);
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the benchmarks with ./planpulse bench");
        }
        return value;
    }
}
