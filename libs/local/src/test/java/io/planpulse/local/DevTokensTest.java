package io.planpulse.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

    @TempDir
    Path dir;

    @Test
    void aTokenIsSignedWithTheFolderKeyAndCarriesTheClaimsTheServicesRead() throws Exception {
        DevKeys keys = DevKeys.in(dir);
        String token = DevTokens.token(keys, "reporter", "STATS", null, Duration.ofSeconds(600));

        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(DevKeys.in(dir).publicKey());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "verifies with public.pem");
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", decode(parts[0]));
        String claims = decode(parts[1]);
        assertTrue(claims.startsWith("{\"iss\":\"planpulse-local\",\"aud\":\"planpulse\",\"sub\":\"reporter-stats\","
                + "\"upn\":\"reporter-stats\",\"groups\":[\"reporter\"],\"dept\":\"STATS\",\"iat\":"), claims);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private.pem"))));
        assertTrue(Files.readString(dir.resolve("public.pem")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
    }

    @Test
    void theKeysAreMadeOnceAndKept() throws Exception {
        byte[] first = DevKeys.in(dir).publicKey().getEncoded();
        assertArrayEquals(first, DevKeys.in(dir).publicKey().getEncoded());
    }

    @Test
    void anAdminMayHaveNoDepartmentAndTheLifetimeIsTheTtl() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, Object> claims = DevTokens.claims("admin", null, "bench", now, Duration.ofHours(4));
        assertEquals("bench", claims.get("sub"));
        assertFalse(claims.containsKey("dept"));
        assertEquals(now.getEpochSecond() + 14_400, claims.get("exp"));
    }

    @Test
    void whatNoServiceWouldTakeAsMeantIsRefused() {
        Instant now = Instant.now();
        Duration hour = Duration.ofHours(1);
        assertThrows(IllegalArgumentException.class, () -> DevTokens.claims("owner", "STATS", null, now, hour));
        assertThrows(IllegalArgumentException.class, () -> DevTokens.claims("reporter", null, null, now, hour));
        assertThrows(IllegalArgumentException.class, () -> DevTokens.claims("reporter", "stats", null, now, hour));
        assertThrows(IllegalArgumentException.class, () -> DevTokens.claims("viewer", "DRC", null, now, hour.negated()));
    }

    @Test
    void claimsAreWrittenAsJsonWhateverTheyHold() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("a", "x\"y\\z\n\u0001");
        claims.put("b", List.of(1, true));
        claims.put("c", "中文");
        assertEquals("{\"a\":\"x\\\"y\\\\z\\n\\u0001\",\"b\":[1,true],\"c\":\"中文\"}", Jwt.json(claims));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
