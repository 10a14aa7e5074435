package io.planpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A development signing key pair in a folder, made on first use and never committed:
 * {@code private.pem} (PKCS#8, readable by its owner only) signs tokens, {@code public.pem} is what
 * the services verify with, in their development tenant ({@link #tenantSettings()}). The same files as
 * {@code openssl genpkey} writes.
 */
public final class DevKeys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private final Path dir;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevKeys(Path dir, PrivateKey privateKey, PublicKey publicKey) {
        this.dir = dir;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key pair in {@code dir}, made there first when it has none. */
    public static synchronized DevKeys in(Path dir) {
        try {
            Path privatePem = dir.resolve("private.pem");
            Path publicPem = dir.resolve("public.pem");
            if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                Files.createDirectories(dir);
                KeyPair pair = newKeyPair();
                writeOwnerOnly(privatePem, pem(PRIVATE, pair.getPrivate().getEncoded()));
                Files.writeString(publicPem, pem(PUBLIC, pair.getPublic().getEncoded()));
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new DevKeys(dir,
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privatePem), PRIVATE))),
                    rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicPem), PUBLIC))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keys in " + dir + " do not read as an RSA key pair", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public half as PEM, the file the services read. */
    public Path publicKeyFile() {
        return dir.resolve("public.pem").toAbsolutePath();
    }

    /**
     * The settings that turn on a service's development OIDC tenant with this pair's public half, so
     * that it accepts the tokens {@link DevTokens} signs (libs/platform's microprofile-config.properties
     * has the rest of the tenant); as configuration properties.
     */
    public Map<String, String> tenantSettings() {
        try {
            return Map.of("quarkus.oidc.dev.tenant-enabled", "true",
                    "quarkus.oidc.dev.public-key", Files.readString(publicKeyFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #tenantSettings()} as the environment variables of a service's process. */
    public Map<String, String> tenantEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        tenantSettings().forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return env;
    }

    /** A key pair nobody knows (a token signed with it is a forgery). */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type) {
        int begin = pem.indexOf("-----BEGIN " + type + "-----");
        int end = pem.indexOf("-----END " + type + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PEM " + type);
        }
        String body = pem.substring(begin + type.length() + 16, end);
        return Base64.getMimeDecoder().decode(body);
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text);
    }
}
