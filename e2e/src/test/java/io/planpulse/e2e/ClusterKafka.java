package io.planpulse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.planpulse.local.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka cluster of a rendered {@code Kafka} resource, on this machine: the broker of
 * deploy/local/kafka's jars with that resource's listeners (each TLS + SCRAM-SHA-512, with a
 * certificate of a CA made here), its authorizer (simple: Kafka's ACL authorizer), its {@code config}
 * (auto-creation off among it), and users made the way Strimzi's User Operator makes them from
 * {@code KafkaUser} resources: a SCRAM-SHA-512 credential and the resource's ACLs.
 *
 * <p>What a Strimzi cluster has that this one mirrors differently: the brokers and the operators talk on
 * a listener of their own (Strimzi: mutual TLS with the operators' certificates, super users); here it
 * is a plain listener on 127.0.0.1 whose anonymous user is the super user, and through which the test
 * creates topics, credentials and ACLs as the operators would.
 */
final class ClusterKafka implements AutoCloseable {

    private static final String STORE_PASSWORD = "planpulse-test";

    private final KafkaBroker broker;
    private final Map<String, Integer> listenerPorts;
    private final String caPem;
    private final Path caFile;
    private final Admin admin;

    private ClusterKafka(KafkaBroker broker, Map<String, Integer> listenerPorts, String caPem, Path caFile) {
        this.broker = broker;
        this.listenerPorts = listenerPorts;
        this.caPem = caPem;
        this.caFile = caFile;
        this.admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    static ClusterKafka start(Path root, JsonNode kafkaResource, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keystore = certificates(dir);
        JsonNode kafka = kafkaResource.path("spec").path("kafka");
        if (!"simple".equals(kafka.path("authorization").path("type").asText())) {
            throw new IllegalStateException("the Kafka resource's authorization is not simple; this test mirrors only that");
        }
        int adminPort = KafkaBroker.freePort();
        int controllerPort = KafkaBroker.freePort();
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<String> listeners = new ArrayList<>(List.of("REPLICATION://127.0.0.1:" + adminPort,
                "CONTROLLER://127.0.0.1:" + controllerPort));
        List<String> advertised = new ArrayList<>(List.of("REPLICATION://127.0.0.1:" + adminPort));
        List<String> protocols = new ArrayList<>(List.of("REPLICATION:PLAINTEXT", "CONTROLLER:PLAINTEXT"));
        Properties config = new Properties();
        for (JsonNode listener : kafka.path("listeners")) {
            String name = listener.path("name").asText();
            if (!listener.path("tls").asBoolean() || !"scram-sha-512".equals(listener.path("authentication").path("type").asText())) {
                throw new IllegalStateException("listener " + name + " is not TLS + SCRAM-SHA-512; this test mirrors only those");
            }
            int port = KafkaBroker.freePort();
            ports.put(name, port);
            String id = name.toUpperCase(Locale.ROOT);
            listeners.add(id + "://127.0.0.1:" + port);
            advertised.add(id + "://127.0.0.1:" + port);
            protocols.add(id + ":SASL_SSL");
            config.setProperty("listener.name." + name + ".sasl.enabled.mechanisms", "SCRAM-SHA-512");
            config.setProperty("listener.name." + name + ".scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("node.id", "1");
        config.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("inter.broker.listener.name", "REPLICATION");
        config.setProperty("listeners", String.join(",", listeners));
        config.setProperty("advertised.listeners", String.join(",", advertised));
        config.setProperty("listener.security.protocol.map", String.join(",", protocols));
        config.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.setProperty("super.users", "User:ANONYMOUS");
        config.setProperty("ssl.keystore.type", "PKCS12");
        config.setProperty("ssl.keystore.location", keystore.toString());
        config.setProperty("ssl.keystore.password", STORE_PASSWORD);
        config.setProperty("log.dirs", dir.resolve("data").toAbsolutePath().toString());
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        // one node: the share coordinator's topic cannot be replicated (Strimzi sets these from the replicas)
        config.setProperty("share.coordinator.state.topic.replication.factor", "1");
        config.setProperty("share.coordinator.state.topic.min.isr", "1");
        kafka.path("config").fields().forEachRemaining(e -> config.setProperty(e.getKey(), e.getValue().asText()));
        StringBuilder text = new StringBuilder();
        config.stringPropertyNames().stream().sorted().forEach(k -> text.append(k).append('=').append(config.getProperty(k))
                .append('\n'));
        KafkaBroker broker = KafkaBroker.startConfigured(root, dir, dir.resolve("broker.log"), adminPort, text.toString());
        Path ca = dir.resolve("ca.crt");
        return new ClusterKafka(broker, ports, Files.readString(ca), ca);
    }

    /** Where a listener of the Kafka resource answers. */
    String bootstrap(String listener) {
        return "127.0.0.1:" + listenerPorts.get(listener);
    }

    /** The CA of the listeners' certificate, as Strimzi's Secret {@code <cluster>-cluster-ca-cert} holds it. */
    String caPem() {
        return caPem;
    }

    Path caFile() {
        return caFile;
    }

    KafkaBroker broker() {
        return broker;
    }

    /** The value Strimzi puts under {@code sasl.jaas.config} in a user's Secret. */
    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** A client's settings for a listener, as a user. */
    Map<String, Object> client(String listener, String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap(listener));
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, caPem);
        return config;
    }

    /**
     * Makes a {@code KafkaUser} as the User Operator does: a SCRAM-SHA-512 credential with a new
     * password (returned) for the user of the resource's name, and its ACLs.
     */
    String createUser(JsonNode kafkaUser) throws ExecutionException, InterruptedException {
        String user = kafkaUser.path("metadata").path("name").asText();
        if (!"scram-sha-512".equals(kafkaUser.path("spec").path("authentication").path("type").asText())) {
            throw new IllegalStateException("KafkaUser " + user + " does not authenticate with SCRAM-SHA-512");
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
        admin.createAcls(acls(kafkaUser)).all().get();
        return password;
    }

    /** The ACLs of a {@code KafkaUser} (Strimzi's simple authorization), as Kafka's bindings. */
    static List<AclBinding> acls(JsonNode kafkaUser) {
        String principal = "User:" + kafkaUser.path("metadata").path("name").asText();
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode acl : kafkaUser.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            ResourceType type = ResourceType.fromString(resource.path("type").asText());
            String name = type == ResourceType.CLUSTER ? "kafka-cluster" : resource.path("name").asText();
            PatternType pattern = "prefix".equals(resource.path("patternType").asText()) ? PatternType.PREFIXED
                    : PatternType.LITERAL;
            for (JsonNode operation : acl.path("operations")) {
                AclOperation op = AclOperation.valueOf(operation.asText().replaceAll("([a-z])([A-Z])", "$1_$2")
                        .toUpperCase(Locale.ROOT));
                bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    void removeAcls(List<AclBinding> bindings) throws ExecutionException, InterruptedException {
        admin.deleteAcls(bindings.stream().map(AclBinding::toFilter).toList()).all().get();
    }

    void addAcls(List<AclBinding> bindings) throws ExecutionException, InterruptedException {
        admin.createAcls(bindings).all().get();
    }

    /** A CA and, signed by it, the broker's certificate for 127.0.0.1, made with the JDK's keytool. */
    private static Path certificates(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        Path broker = dir.resolve("broker.p12");
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=planpulse test CA",
                "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", ca.toString());
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", "ca.crt");
        keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", broker.toString());
        keytool(dir, "-certreq", "-alias", "broker", "-keystore", broker.toString(), "-file", "broker.csr");
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", "broker.csr", "-outfile", "broker.crt",
                "-rfc", "-validity", "2", "-ext", "SAN=IP:127.0.0.1,DNS:localhost");
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", broker.toString());
        keytool(dir, "-importcert", "-alias", "broker", "-file", "broker.crt", "-keystore", broker.toString());
        return broker;
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", STORE_PASSWORD));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        admin.close();
        broker.stop();
    }
}
