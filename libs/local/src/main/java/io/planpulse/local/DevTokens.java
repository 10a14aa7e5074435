package io.planpulse.local;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The development tokens planpulse's services accept when they verify with a {@link DevKeys} public
 * key (DESIGN §8): issuer {@code planpulse-local}, audience {@code planpulse}, the role in
 * {@code groups}, the department in {@code dept} (an admin may have none).
 */
public final class DevTokens {

    public static final String ISSUER = "planpulse-local";
    public static final String AUDIENCE = "planpulse";
    public static final Set<String> ROLES = Set.of("reporter", "planner", "viewer", "admin");

    private static final Pattern DEPARTMENT = Pattern.compile("[A-Z][A-Z0-9_-]{0,31}");

    private DevTokens() {
    }

    /** A signed token; see {@link #claims} for its arguments. */
    public static String token(DevKeys keys, String role, String dept, String subject, Duration ttl) {
        return Jwt.rs256(claims(role, dept, subject, Instant.now(), ttl), keys.privateKey());
    }

    /**
     * The claims of a token of {@code role} in {@code dept} (null: none, for an admin) issued at
     * {@code now} for {@code ttl}; the subject, when null, is the role and the department in lower
     * case ({@code reporter-stats}). Refuses what no service would accept as meant.
     */
    public static Map<String, Object> claims(String role, String dept, String subject, Instant now, Duration ttl) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("the role must be one of " + String.join(", ", ROLES.stream().sorted().toList()));
        }
        if (dept == null && !role.equals("admin")) {
            throw new IllegalArgumentException("a department is required for the " + role + " role");
        }
        if (dept != null && !DEPARTMENT.matcher(dept).matches()) {
            throw new IllegalArgumentException("the department must be a department code such as STATS: " + dept);
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("the lifetime must not be negative");
        }
        String sub = subject != null ? subject : dept == null ? role : role + "-" + dept.toLowerCase(Locale.ROOT);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", sub);
        claims.put("upn", sub);
        claims.put("groups", List.of(role));
        if (dept != null) {
            claims.put("dept", dept);
        }
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }
}
