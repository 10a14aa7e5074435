package io.planpulse.testing;

import io.planpulse.local.DevKeys;
import io.planpulse.local.DevTokens;
import io.planpulse.local.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The tests' own signing key (made on first use under target/, never committed) and the tokens they
 * send, minted as {@code ./planpulse token} mints them ({@link DevTokens}). The service under test
 * verifies with its public half.
 */
public final class Tokens {

    public static final String ISSUER = DevTokens.ISSUER;
    public static final String AUDIENCE = DevTokens.AUDIENCE;

    private static final Path DIR = Path.of("target", "test-jwt");
    private static final Duration HOUR = Duration.ofHours(1);

    private Tokens() {
    }

    /** The settings that make a service accept these tokens: its development tenant, with their public key. */
    public static Map<String, String> tenantSettings() {
        return keys().tenantSettings();
    }

    /** {@link #tenantSettings()} as a service process's environment. */
    public static Map<String, String> tenantEnvironment() {
        return keys().tenantEnvironment();
    }

    /** A token of the role, valid for an hour, with a {@code dept} claim unless {@code dept} is null (an admin's). */
    public static String token(String role, String dept) {
        return sign(claims(role, dept, HOUR));
    }

    /** A token of the role for a person of their own: two people of one department and role differ only so. */
    public static String token(String role, String dept, String subject) {
        return sign(DevTokens.claims(role, dept, subject, Instant.now(), HOUR));
    }

    public static String planner() {
        return token("planner", "DRC");
    }

    public static String viewer() {
        return token("viewer", "DRC");
    }

    /** A token that lives only this many seconds, as a login link carries. */
    public static String shortLived(String role, String dept, long seconds) {
        return sign(claims(role, dept, Duration.ofSeconds(seconds)));
    }

    /** A token that is right in every way but signed by a key the service does not know. */
    public static String signedByStranger(String role) {
        return Jwt.rs256(claims(role, "DRC", HOUR), DevKeys.newKeyPair().getPrivate());
    }

    public static String withIssuer(String issuer, String role) {
        Map<String, Object> claims = claims(role, "DRC", HOUR);
        claims.put("iss", issuer);
        return sign(claims);
    }

    /** What is wrong with a token that no service may accept, whatever role it claims. */
    public enum Forgery {
        /** Expired ten minutes ago (beyond any clock skew allowed). */
        EXPIRED,
        /** Issued by someone else. */
        WRONG_ISSUER,
        /** Meant for another audience. */
        WRONG_AUDIENCE,
        /** Signed by a key the service does not know. */
        FOREIGN_KEY,
        /** Its claims changed after signing (a reporter's token made to say admin). */
        TAMPERED,
        /** {@code alg: none}, without a signature. */
        UNSIGNED,
        /** HS256 with the service's public key as the shared secret (the algorithm-confusion attack). */
        PUBLIC_KEY_AS_SECRET
    }

    /** A token claiming the admin role, valid for an hour, that is wrong in the given way. */
    public static String forged(Forgery forgery) {
        return forged(forgery, 3600);
    }

    /** A token claiming the admin role that is wrong in the given way and would otherwise live this many seconds. */
    public static String forged(Forgery forgery, long seconds) {
        Map<String, Object> admin = claims("admin", null, Duration.ofSeconds(seconds));
        return switch (forgery) {
            case EXPIRED -> {
                long now = Instant.now().getEpochSecond();
                admin.put("iat", now - 4200);
                admin.put("exp", now - 600);
                yield sign(admin);
            }
            case WRONG_ISSUER -> {
                admin.put("iss", "someone-else");
                yield sign(admin);
            }
            case WRONG_AUDIENCE -> {
                admin.put("aud", "another-system");
                yield sign(admin);
            }
            case FOREIGN_KEY -> Jwt.rs256(admin, DevKeys.newKeyPair().getPrivate());
            case TAMPERED -> {
                String[] parts = token("reporter", "STATS").split("\\.");
                String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"reporter\"", "\"admin\"");
                yield parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            }
            case UNSIGNED -> Jwt.unsigned(admin);
            case PUBLIC_KEY_AS_SECRET -> {
                try {
                    yield Jwt.hs256(admin, Files.readAllBytes(keys().publicKeyFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static Map<String, Object> claims(String role, String dept, Duration ttl) {
        return DevTokens.claims(role, dept, null, Instant.now(), ttl);
    }

    private static String sign(Map<String, Object> claims) {
        return Jwt.rs256(claims, keys().privateKey());
    }

    private static DevKeys keys() {
        return DevKeys.in(DIR);
    }
}
