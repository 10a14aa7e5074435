package io.planpulse.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The tests' own signing key (made on first use, kept under target/, never committed) and the
 * tokens they send. The service under test verifies with its public half.
 */
public final class Tokens {

    public static final String ISSUER = "planpulse-local";
    public static final String AUDIENCE = "planpulse";

    private static final Path DIR = Path.of("target", "test-jwt");
    private static final Path PUBLIC_KEY = DIR.resolve("public.pem");
    private static final Path SIGNING_KEY = DIR.resolve("signing-key.pkcs8.b64");

    private Tokens() {
    }

    /** The location of the public key for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized String publicKeyLocation() {
        ensureKeys();
        return PUBLIC_KEY.toAbsolutePath().toUri().toString();
    }

    public static String token(String role, String dept) {
        return claims(role, dept).sign(signingKey());
    }

    public static String planner() {
        return token("planner", "DRC");
    }

    public static String viewer() {
        return token("viewer", "DRC");
    }

    /** A token that lives only this many seconds, as a login link carries. */
    public static String shortLived(String role, String dept, long seconds) {
        return claims(role, dept).expiresIn(seconds).sign(signingKey());
    }

    /** A token that is right in every way but signed by a key the service does not know. */
    public static String signedByStranger(String role) {
        return claims(role, "DRC").sign(newKeyPair().getPrivate());
    }

    public static String withIssuer(String issuer, String role) {
        return claims(role, "DRC").issuer(issuer).sign(signingKey());
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
        JwtClaimsBuilder admin = claims("admin", null).expiresIn(seconds);
        long now = java.time.Instant.now().getEpochSecond();
        return switch (forgery) {
            case EXPIRED -> admin.issuedAt(now - 4200).expiresAt(now - 600).sign(signingKey());
            case WRONG_ISSUER -> admin.issuer("someone-else").sign(signingKey());
            case WRONG_AUDIENCE -> admin.audience("another-system").sign(signingKey());
            case FOREIGN_KEY -> admin.sign(newKeyPair().getPrivate());
            case TAMPERED -> {
                String[] parts = token("reporter", "STATS").split("\\.");
                String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"reporter\"", "\"admin\"");
                yield parts[0] + "." + base64Url(claims) + "." + parts[2];
            }
            case UNSIGNED -> {
                String[] parts = admin.sign(signingKey()).split("\\.");
                yield base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
            }
            case PUBLIC_KEY_AS_SECRET -> {
                ensureKeys();
                try {
                    yield admin.signWithSecret(Files.readString(PUBLIC_KEY));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A token of the role, with a {@code dept} claim unless {@code dept} is null (as an admin's may be). */
    private static JwtClaimsBuilder claims(String role, String dept) {
        if (dept == null) {
            return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(role).groups(Set.of(role)).expiresIn(3600);
        }
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(role + "-" + dept.toLowerCase(java.util.Locale.ROOT))
                .groups(Set.of(role)).claim("dept", dept).expiresIn(3600);
    }

    private static synchronized PrivateKey signingKey() {
        ensureKeys();
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(SIGNING_KEY).trim());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensureKeys() {
        if (Files.exists(PUBLIC_KEY) && Files.exists(SIGNING_KEY)) {
            return;
        }
        KeyPair pair = newKeyPair();
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + mime.encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Files.createDirectories(DIR);
            Files.writeString(SIGNING_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            Files.writeString(PUBLIC_KEY, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
