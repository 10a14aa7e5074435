package io.planpulse.chaos;

import io.planpulse.local.DevKeys;
import io.planpulse.local.DevTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's signing key (made in the run's folder; the services verify with its public half) and the
 * tokens the suite sends, minted as {@code ./planpulse token} mints them ({@link DevTokens}).
 */
final class Tokens {

    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration REUSE_FOR = Duration.ofMinutes(30);

    private record Issued(String token, Instant at) {
    }

    private final DevKeys keys;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    private Tokens(DevKeys keys) {
        this.keys = keys;
    }

    /** A new key pair in {@code dir}/jwt. */
    static Tokens create(Path dir) {
        return new Tokens(DevKeys.in(dir.resolve("jwt")));
    }

    /** What turns on the services' development tenant with this key pair (their environment). */
    Map<String, String> tenantEnvironment() {
        return keys.tenantEnvironment();
    }

    /**
     * A token of one role in one department, valid for an hour; reused for half an hour, as a
     * department system keeps its access token until it is about to expire.
     */
    String token(String role, String dept) {
        Instant now = Instant.now();
        return issued.compute(role + "/" + dept, (key, last) -> last != null && last.at().isAfter(now.minus(REUSE_FOR))
                ? last
                : new Issued(DevTokens.token(keys, role, dept, "chaos-" + role + "-" + dept.toLowerCase(Locale.ROOT),
                        LIFETIME), now)).token();
    }
}
