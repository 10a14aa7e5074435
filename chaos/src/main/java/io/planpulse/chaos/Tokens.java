package io.planpulse.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The suite's signing key (made for each run, never stored but its public half, which the services
 * verify with) and the RS256 tokens it sends, as the plan office's identity provider would issue them.
 */
final class Tokens {

    static final String ISSUER = "planpulse-local";
    static final String AUDIENCE = "planpulse";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static final Duration REUSE_FOR = Duration.ofMinutes(30);

    private record Issued(String token, Instant at) {
    }

    private final KeyPair keys;
    private final Path publicKey;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    private Tokens(KeyPair keys, Path publicKey) {
        this.keys = keys;
        this.publicKey = publicKey;
    }

    /** A new key pair, its public half written as PEM into {@code dir}. */
    static Tokens create(Path dir) throws IOException {
        KeyPair keys = newKeyPair();
        Path pem = dir.resolve("jwt-public.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                        keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return new Tokens(keys, pem);
    }

    /** Where the services find the public key ({@code mp.jwt.verify.publickey.location}). */
    String publicKeyLocation() {
        return publicKey.toUri().toString();
    }

    /**
     * A token of one role in one department, valid for an hour; reused for half an hour, as a
     * department system keeps its access token until it is about to expire.
     */
    String token(String role, String dept) {
        Instant now = Instant.now();
        return issued.compute(role + "/" + dept, (key, last) -> last != null
                && last.at().isAfter(now.minus(REUSE_FOR)) ? last : new Issued(issue(role, dept, now), now)).token();
    }

    private String issue(String role, String dept, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", "chaos-" + role + "-" + dept.toLowerCase(java.util.Locale.ROOT));
        claims.put("groups", List.of(role));
        claims.put("dept", dept);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(3600).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    private String sign(Map<String, Object> claims) {
        try {
            String signed = part(Map.of("alg", "RS256", "typ", "JWT")) + "." + part(claims);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
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
