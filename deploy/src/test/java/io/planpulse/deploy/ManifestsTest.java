package io.planpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.planpulse.model.event.Topic;
import io.planpulse.model.event.Topics;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object the overlays render, read as the cluster would: core kinds into fabric8's typed
 * model (a field the model does not know fails), custom resources against their operators' own
 * CRD schemas; and the manifests against the services: ports, probe paths, the settings they read,
 * the topics and consumer groups they use (ACLs), the secrets the runbook tells how to create.
 */
class ManifestsTest {

    static final List<String> SERVICES = List.of("targets-service", "indicators-service", "reporting-service");

    private static final Map<String, Class<?>> CORE = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            true);

    private static Map<String, Rendered> overlays;
    private static CrdSchemas crds;

    @BeforeAll
    static void render() {
        overlays = new LinkedHashMap<>();
        for (String overlay : List.of("dev", "prod")) {
            overlays.put(overlay, Rendered.of(overlay));
        }
        crds = CrdSchemas.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyCoreObjectReadsIntoTheTypedModelWithoutAnUnknownField(String overlay) throws Exception {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : overlays.get(overlay).objects()) {
            Class<?> type = CORE.get(object.path("apiVersion").asText() + "/" + object.path("kind").asText());
            if (type == null) {
                continue;
            }
            Object typed = JSON.treeToValue(object, type);
            unknownFields(typed, Rendered.id(object), problems, new IdentityHashMap<>());
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyCustomResourceMeetsItsOperatorsSchema(String overlay) {
        Map<String, List<String>> problems = new TreeMap<>();
        int checked = 0;
        for (ObjectNode object : overlays.get(overlay).objects()) {
            String apiVersion = object.path("apiVersion").asText();
            if (CORE.containsKey(apiVersion + "/" + object.path("kind").asText())) {
                continue;
            }
            List<String> found = crds.problems(object);
            if (!found.isEmpty()) {
                problems.put(Rendered.id(object), found);
            }
            checked++;
        }
        assertEquals(Map.of(), problems);
        assertTrue(checked >= 30, "custom resources checked: " + checked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceListensWhereItsDeploymentSaysAndIsProbedOnItsHealthPaths(String overlay) {
        Rendered r = overlays.get(overlay);
        for (String service : SERVICES) {
            ServiceFacts facts = ServiceFacts.of(service);
            Deployment deployment = typed(r.get("Deployment", service), Deployment.class);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(facts.httpPort(), container.getPorts().get(0).getContainerPort(), service + " port");
            assertEquals("http", container.getPorts().get(0).getName());
            assertTrue(container.getImage().startsWith(facts.get("quarkus.container-image.group") + "/"
                    + facts.get("quarkus.application.name") + ":"), service + " runs the image its build makes: "
                    + container.getImage());
            assertEquals(String.valueOf(facts.httpPort()), settings(r, container).get("QUARKUS_HTTP_PORT"), service);
            assertProbe(container.getStartupProbe(), "/q/health/started", service);
            assertProbe(container.getLivenessProbe(), "/q/health/live", service);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", service);
            long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            long window = seconds(facts.get("quarkus.shutdown.delay")) + seconds(facts.get("quarkus.shutdown.timeout"));
            assertTrue(grace > window, service + ": the grace period " + grace + " s outlasts the shutdown window " + window);
            var security = container.getSecurityContext();
            assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), service);
            assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), service);
            assertEquals(Boolean.TRUE, deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
            assertTrue(container.getResources().getRequests().containsKey("memory")
                    && container.getResources().getLimits().containsKey("memory"), service + " sizes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySettingADeploymentGivesIsOneItsServiceReads(String overlay) {
        Rendered r = overlays.get(overlay);
        Set<String> kafkaSettings = kafkaClientSettings();
        List<String> unread = new ArrayList<>();
        for (String service : SERVICES) {
            ServiceFacts facts = ServiceFacts.of(service);
            Container container = typed(r.get("Deployment", service), Deployment.class).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            for (String variable : settings(r, container).keySet()) {
                boolean read = variable.startsWith("KAFKA_")
                        ? kafkaSettings.contains(variable.substring("KAFKA_".length()).toLowerCase().replace('_', '.'))
                        : variable.equals("JAVA_TOOL_OPTIONS") || facts.reads(variable);
                if (!read) {
                    unread.add(service + ": " + variable);
                }
            }
        }
        assertEquals(List.of(), unread);
    }

    @Test
    void everyServiceMigratesItsOwnSchemaAndThenTheOutboxAndAuditTrailTheyShare() {
        for (String service : SERVICES) {
            assertEquals("db/migration,db/outbox,db/audit", ServiceFacts.of(service).get("quarkus.flyway.locations"), service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theKafkaTopicsEqualTheRegistryThatTheLocalBrokersAreCreatedFrom(String overlay) {
        Map<String, String> expected = new TreeMap<>();
        for (Topic topic : Topics.ALL) {
            expected.put(topic.name(), topic.partitions() + " partitions " + new TreeMap<>(topic.configs()));
        }
        Map<String, String> rendered = new TreeMap<>();
        for (JsonNode topic : overlays.get(overlay).ofKind("KafkaTopic")) {
            Map<String, String> config = new TreeMap<>();
            topic.path("spec").path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            rendered.put(topic.path("spec").path("topicName").asText(),
                    topic.path("spec").path("partitions").asInt() + " partitions " + config);
        }
        assertEquals(expected, rendered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theTopicsAreThoseOfTheDesignWithTheirCleanupPolicies(String overlay) throws IOException {
        Map<String, String> expected = new TreeMap<>();
        designTopics().forEach((topic, row) -> expected.put(topic, row.cleanup()));
        for (String service : SERVICES) {
            deadLetterTopics(ServiceFacts.of(service)).forEach(t -> expected.put(t, "delete"));
        }
        Map<String, String> rendered = new TreeMap<>();
        for (JsonNode topic : overlays.get(overlay).ofKind("KafkaTopic")) {
            rendered.put(topic.path("spec").path("topicName").asText(),
                    topic.path("spec").path("config").path("cleanup.policy").asText());
        }
        assertEquals(expected, rendered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceMayWriteOnlyItsOwnTopicsAndReadOnlyWhatItConsumes(String overlay) throws IOException {
        Map<String, DesignTopic> design = designTopics();
        for (String service : SERVICES) {
            ServiceFacts facts = ServiceFacts.of(service);
            Set<String> writes = new TreeSet<>(deadLetterTopics(facts));
            design.forEach((topic, row) -> {
                if (row.producer().equals(service)) {
                    writes.add(topic);
                }
            });
            Set<String> expected = new TreeSet<>();
            writes.forEach(t -> expected.add("topic " + t + " literal [Write, Describe]"));
            facts.incomingTopics().forEach(t -> expected.add("topic " + t + " literal [Read, Describe]"));
            if (service.equals("reporting-service")) {
                // a rebuild takes its starting state from its own compacted topics and those it keeps for good
                // (DESIGN §2), without a group
                design.forEach((topic, row) -> {
                    if (row.producer().equals(service) && (row.cleanup().equals("compact") || row.keptForGood())) {
                        expected.add("topic " + topic + " literal [Read, Describe]");
                    }
                });
            }
            for (String group : facts.groups()) {
                expected.add(group.contains("${")
                        ? "group " + group.substring(0, group.indexOf("${")) + " prefix [Read, Describe]"
                        : "group " + group + " literal [Read, Describe]");
            }
            expected.add("cluster   [IdempotentWrite]");
            JsonNode user = overlays.get(overlay).get("KafkaUser", service);
            Set<String> granted = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                List<String> operations = new ArrayList<>();
                acl.path("operations").forEach(o -> operations.add(o.asText()));
                granted.add(resource.path("type").asText() + " " + resource.path("name").asText("") + " "
                        + resource.path("patternType").asText("") + " " + operations);
            }
            assertEquals(expected, granted, service + "'s ACLs");
            JsonNode secret = findEnv(overlays.get(overlay), service, "KAFKA_SASL_JAAS_CONFIG");
            assertEquals(service, secret.path("valueFrom").path("secretKeyRef").path("name").asText(),
                    service + " connects with its own KafkaUser's credentials");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void selectorsMatchWhatTheySelect(String overlay) {
        Rendered r = overlays.get(overlay);
        Map<String, Map<String, String>> podLabels = new LinkedHashMap<>();
        for (ObjectNode d : r.ofKind("Deployment")) {
            Deployment deployment = typed(d, Deployment.class);
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(matches(deployment.getSpec().getSelector().getMatchLabels(), labels), Rendered.id(d));
            podLabels.put(deployment.getMetadata().getName(), labels);
        }
        for (ObjectNode s : r.ofKind("Service")) {
            Service service = typed(s, Service.class);
            assertTrue(podLabels.values().stream().anyMatch(l -> matches(service.getSpec().getSelector(), l)),
                    Rendered.id(s) + " selects no pods");
            assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        }
        for (ObjectNode p : r.ofKind("PodDisruptionBudget")) {
            var selector = typed(p, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels();
            assertTrue(podLabels.values().stream().anyMatch(l -> matches(selector, l)), Rendered.id(p));
        }
        for (ObjectNode m : r.ofKind("ServiceMonitor")) {
            Map<String, String> selector = JSON.convertValue(m.path("spec").path("selector").path("matchLabels"), Map.class);
            assertTrue(r.ofKind("Service").stream().anyMatch(s -> matches(selector,
                    typed(s, Service.class).getMetadata().getLabels())), Rendered.id(m));
            assertEquals("/q/metrics", m.path("spec").path("endpoints").get(0).path("path").asText());
        }
        for (ObjectNode h : r.ofKind("HorizontalPodAutoscaler")) {
            String target = typed(h, HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef().getName();
            assertTrue(podLabels.containsKey(target), Rendered.id(h) + " scales " + target);
        }
        for (String service : SERVICES) {
            NetworkPolicy policy = typed(r.get("NetworkPolicy", service), NetworkPolicy.class);
            assertTrue(matches(policy.getSpec().getPodSelector().getMatchLabels(), podLabels.get(service)), service);
        }
    }

    @Test
    void devRunsOneOfEachAndProdIsRedundant() {
        Rendered dev = overlays.get("dev");
        Rendered prod = overlays.get("prod");
        for (String service : SERVICES) {
            for (Rendered r : List.of(dev, prod)) {
                assertFalse(r.get("Deployment", service).path("spec").has("replicas"),
                        service + ": the autoscaler owns the replicas; an apply must not reset them");
            }
            assertEquals(1, dev.get("HorizontalPodAutoscaler", service).path("spec").path("minReplicas").asInt());
            assertTrue(prod.get("HorizontalPodAutoscaler", service).path("spec").path("minReplicas").asInt() >= 2);
        }
        assertEquals(3, prod.get("KafkaNodePool", "dual").path("spec").path("replicas").asInt());
        JsonNode config = prod.get("Kafka", "planpulse").path("spec").path("kafka").path("config");
        assertEquals(2, config.path("min.insync.replicas").asInt());
        assertEquals(3, config.path("default.replication.factor").asInt());
        prod.ofKind("KafkaTopic").forEach(t -> assertEquals(3, t.path("spec").path("replicas").asInt(), Rendered.id(t)));
        assertEquals(1, dev.get("KafkaNodePool", "dual").path("spec").path("replicas").asInt());
        assertEquals("planpulse-dev", dev.objects().get(0).path("metadata").path("namespace").asText());
        assertEquals("planpulse", prod.objects().get(0).path("metadata").path("namespace").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySecretTheManifestsUseIsOneTheRunbookExplains(String overlay) throws IOException {
        String runbook = Files.readString(Rendered.root().resolve("deploy/README.md"));
        Set<String> secrets = new TreeSet<>();
        for (ObjectNode object : overlays.get(overlay).objects()) {
            collectSecrets(object, secrets);
        }
        assertFalse(secrets.isEmpty());
        List<String> unexplained = secrets.stream().filter(s -> !runbook.contains("`" + s + "`")).toList();
        assertEquals(List.of(), unexplained, "secrets deploy/README.md does not name");
        for (ObjectNode object : overlays.get(overlay).objects()) {
            assertFalse("Secret".equals(object.path("kind").asText()), "no Secret is committed: " + Rendered.id(object));
        }
    }

    @Test
    void theKustomizationsUseNoDeprecatedFields() throws IOException {
        try (Stream<Path> files = Files.walk(Rendered.root().resolve("deploy"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList()) {
                JsonNode k = Rendered.YAML.readTree(file.toFile());
                for (String deprecated : List.of("bases", "commonLabels", "patchesStrategicMerge", "patchesJson6902", "vars")) {
                    assertFalse(k.has(deprecated), file + " uses " + deprecated);
                }
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** A topic of DESIGN §6: who produces it, its cleanup policy, and whether its records are kept for good. */
    record DesignTopic(String producer, String cleanup, boolean keptForGood) {
    }

    static Map<String, DesignTopic> designTopics() throws IOException {
        String design = Files.readString(Rendered.root().resolve("docs/DESIGN.md"));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z.0-9]+)` \\| ([a-z-]+) \\| (compact|delete)([^|]*)\\|")
                .matcher(design);
        Map<String, DesignTopic> topics = new TreeMap<>();
        while (row.find()) {
            topics.put(row.group(1), new DesignTopic(row.group(2), row.group(3), row.group(4).contains("kept for good")));
        }
        assertEquals(7, topics.size(), "the seven topics of DESIGN §6: " + topics);
        return topics;
    }

    /** The dead-letter topics a service writes: one per topic it reads, where it has a dead-letter channel. */
    static Set<String> deadLetterTopics(ServiceFacts facts) {
        Set<String> out = new TreeSet<>();
        if (facts.outgoingTopics().isEmpty()) {
            return out;
        }
        facts.properties().stringPropertyNames().stream()
                .filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))
                .filter(k -> !"ignore".equals(facts.get(k.replace(".topic", ".failure-strategy"))))
                .forEach(k -> out.add(facts.get(k) + ".dlq"));
        return out;
    }

    /** The names of every Kafka client setting (producer, consumer, admin). */
    static Set<String> kafkaClientSettings() {
        Set<String> names = new LinkedHashSet<>();
        names.addAll(org.apache.kafka.clients.producer.ProducerConfig.configNames());
        names.addAll(org.apache.kafka.clients.consumer.ConsumerConfig.configNames());
        names.addAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
        return names;
    }

    /** The environment a container gets: its ConfigMaps' data and its own env, by name. */
    static Map<String, String> settings(Rendered r, Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            ConfigMap map = typed(r.get("ConfigMap", from.getConfigMapRef().getName()), ConfigMap.class);
            env.putAll(map.getData());
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }

    static JsonNode findEnv(Rendered r, String deployment, String name) {
        for (JsonNode var : r.get("Deployment", deployment).path("spec").path("template").path("spec").path("containers")
                .get(0).path("env")) {
            if (name.equals(var.path("name").asText())) {
                return var;
            }
        }
        throw new AssertionError(deployment + " has no " + name);
    }

    static void collectSecrets(JsonNode node, Set<String> secrets) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String key = e.getKey();
                JsonNode value = e.getValue();
                if ((key.equals("secretKeyRef") || key.endsWith("Secret") || key.equals("secret")
                        || key.equals("accessKeyId") || key.equals("secretAccessKey")) && value.has("name")) {
                    secrets.add(value.path("name").asText());
                } else if ((key.equals("tlsSecret") || key.equals("secretName")) && value.isTextual()) {
                    secrets.add(value.asText());
                } else if (key.equals("certificateRefs")) {
                    value.forEach(ref -> secrets.add(ref.path("name").asText()));
                }
                collectSecrets(value, secrets);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectSecrets(n, secrets));
        }
    }

    static <T> T typed(JsonNode object, Class<T> type) {
        try {
            return JSON.treeToValue(object, type);
        } catch (IOException e) {
            throw new AssertionError(Rendered.id(object) + " is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static void assertProbe(Probe probe, String path, String service) {
        assertTrue(probe != null && probe.getHttpGet() != null, service + " has a probe on " + path);
        assertEquals(path, probe.getHttpGet().getPath(), service);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), service);
    }

    private static long seconds(String duration) {
        assertTrue(duration != null && duration.matches("\\d+s"), "a duration in seconds: " + duration);
        return Long.parseLong(duration.substring(0, duration.length() - 1));
    }

    /** Collects every field a fabric8 model object kept aside because its type does not know it. */
    private static void unknownFields(Object value, String where, List<String> problems, Map<Object, Boolean> seen)
            throws Exception {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                unknownFields(item, where, problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                unknownFields(item, where, problems, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object got = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (got instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(where + ": unknown fields " + extra.keySet() + " in " + value.getClass().getSimpleName());
                }
                continue;
            }
            unknownFields(got, where, problems, seen);
        }
    }
}
