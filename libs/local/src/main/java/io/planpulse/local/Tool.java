package io.planpulse.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line the launcher calls ({@code ./planpulse token}, {@code up}):
 * <pre>
 *   keys --dir DIR                                                            make the key pair in DIR if it has none
 *   token --keys DIR --role ROLE [--dept CODE] [--ttl SECONDS] [--sub NAME]   a development token on stdout
 *   topics --bootstrap HOST:PORT                                              create the registry's missing topics
 *   kafka-classpath --root DIR                                                the local broker's classpath
 *   keycloak --root DIR --port PORT --log FILE --board URL                    start a Keycloak that outlives the command,
 *                                                                             import the realm; its pid, issuer, the
 *                                                                             board client's and the admin's secrets
 * </pre>
 * A wrong argument is a message on stderr and exit status 2.
 */
public final class Tool {

    private Tool() {
    }

    public static void main(String[] args) {
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("a command is needed: keys, token, topics or kafka-classpath");
            }
            List<String> rest = List.of(args).subList(1, args.length);
            switch (args[0]) {
                case "keys" -> System.out.println(
                        DevKeys.in(Path.of(required("keys", options("keys", rest, Set.of("dir")), "dir"))).publicKeyFile());
                case "token" -> token(options("token", rest, Set.of("keys", "role", "dept", "ttl", "sub")));
                case "topics" -> topics(options("topics", rest, Set.of("bootstrap")));
                case "kafka-classpath" -> kafkaClasspath(options("kafka-classpath", rest, Set.of("root")));
                case "keycloak" -> keycloak(options("keycloak", rest, Set.of("root", "port", "log", "board")));
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("planpulse: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("planpulse: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            System.exit(1);
        }
    }

    private static void token(Map<String, String> options) {
        DevKeys keys = DevKeys.in(Path.of(required("token", options, "keys")));
        String role = required("token", options, "role");
        String dept = options.get("dept");
        String ttl = options.getOrDefault("ttl", "3600");
        if (!ttl.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("token: --ttl must be a number of seconds");
        }
        String token;
        String subject;
        try {
            Map<String, Object> claims = DevTokens.claims(role, dept, options.get("sub"), Instant.now(),
                    Duration.ofSeconds(Long.parseLong(ttl)));
            subject = (String) claims.get("sub");
            token = Jwt.rs256(claims, keys.privateKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token: " + e.getMessage());
        }
        System.err.println("development token: role " + role + (dept == null ? "" : ", department " + dept)
                + ", subject " + subject + ", valid " + ttl + "s");
        System.out.println(token);
    }

    private static void topics(Map<String, String> options) {
        List<String> created = LocalTopics.create(required("topics", options, "bootstrap"));
        System.out.println(created.isEmpty() ? "every topic is there" : "created " + String.join(", ", created));
    }

    /**
     * Prints {@code pid=…}, {@code issuer=…}, {@code board_secret=…} and {@code admin_password=…} (Keycloak's own
     * administrator), one a line, for the launcher to keep.
     */
    private static void keycloak(Map<String, String> options) {
        String port = required("keycloak", options, "port");
        if (!port.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("keycloak: --port must be a port number");
        }
        Path root = Path.of(required("keycloak", options, "root"));
        KeycloakServer keycloak = KeycloakServer.startKept(root, Path.of(required("keycloak", options, "log")),
                Integer.parseInt(port));
        try {
            LocalRealm realm = LocalRealm.importInto(keycloak, root, required("keycloak", options, "board"));
            System.out.println("pid=" + keycloak.pid());
            System.out.println("issuer=" + realm.issuer());
            System.out.println("board_secret=" + realm.placeholder(LocalRealm.BOARD_SECRET));
            System.out.println("admin_password=" + keycloak.adminPassword());
        } catch (RuntimeException e) {
            keycloak.close();
            throw e;
        }
    }

    private static void kafkaClasspath(Map<String, String> options) {
        System.out.println(BrokerClasspath.of(Path.of(required("kafka-classpath", options, "root"))));
    }

    private static Map<String, String> options(String command, List<String> args, Set<String> known) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new IllegalArgumentException(command + ": unknown option " + name + " (known: --"
                        + String.join(", --", known.stream().sorted().toList()) + ")");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(command + ": " + name + " needs a value");
            }
            options.put(name.substring(2), args.get(i + 1));
        }
        return options;
    }

    private static String required(String command, Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(command + ": --" + name + " is required");
        }
        return value;
    }
}
