package io.planpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.planpulse.deploy.NetworkPolicies.Address;
import io.planpulse.deploy.NetworkPolicies.Endpoint;
import io.planpulse.deploy.NetworkPolicies.Pod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flows the system needs get through the rendered NetworkPolicies, and those it must never have do
 * not: decided by {@link NetworkPolicies} over the overlay's own pods (from its Deployments and the admin
 * pod of deploy/tools), the pods the operators, the gateway and the cluster make (their labels are data,
 * src/test/resources/cluster-pods.yaml, each with its source) and the policy Strimzi makes from the Kafka
 * resource.
 */
class NetworkFlowsTest {

    /** Outside the cluster: a subscriber's machine, and the Kubernetes API server's address. */
    private static final Address SUBSCRIBER = new Address("203.0.113.7");
    private static final Address API_SERVER = new Address("172.18.0.2");

    private static final List<String> SERVICES = ManifestsTest.SERVICES;

    record Flow(String from, String to, int port, String protocol) {
        @Override
        public String toString() {
            return from + " -> " + to + ":" + port + (protocol.equals("TCP") ? "" : "/" + protocol);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theFlowsTheSystemNeedsPassAndNoOthers(String overlay) throws IOException {
        World world = World.of(Rendered.of(overlay));
        Map<Flow, Boolean> expected = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String db = database(service);
            int http = world.port(service, "http");
            expected.put(tcp(service, db + "-1", 5432), true);
            expected.put(tcp(service, "kafka-broker", 9093), true);
            expected.put(tcp(service, "keycloak", 8443), true);
            expected.put(tcp("gateway", service, http), true);
            expected.put(tcp("prometheus", service, http), true);
            expected.put(tcp("prometheus", db + "-1", 9187), true);
            expected.put(tcp("cnpg-operator", db + "-1", 8000), true);
            expected.put(tcp(db + "-1", db + "-1", 5432), true);
            expected.put(new Flow(service, "kube-dns", 53, "UDP"), true);
            // no other service's database, not Keycloak's, no service to service calls, no stranger
            for (String other : SERVICES) {
                if (!other.equals(service)) {
                    expected.put(tcp(service, database(other) + "-1", 5432), false);
                    expected.put(tcp(service, other, world.port(other, "http")), false);
                }
            }
            expected.put(tcp(service, "keycloak-db-1", 5432), false);
            expected.put(tcp("stranger", db + "-1", 5432), false);
            expected.put(tcp("gateway", db + "-1", 5432), false);
            expected.put(tcp("keycloak", db + "-1", 5432), false);
            expected.put(tcp("keycloak-realm-import", db + "-1", 5432), false);
            expected.put(tcp("stranger", service, http), false);
            expected.put(tcp("prometheus", db + "-1", 5432), false);
            expected.put(tcp("cnpg-operator", db + "-1", 5432), false);
        }
        expected.put(tcp("keycloak", "keycloak-db-1", 5432), true);
        expected.put(tcp("keycloak-realm-import", "keycloak-db-1", 5432), true);
        expected.put(new Flow("keycloak-realm-import", "kube-dns", 53, "UDP"), true);
        expected.put(tcp("gateway", "keycloak", 8080), true);
        expected.put(tcp("keycloak", "keycloak", 7800), true);
        expected.put(tcp("stranger", "keycloak-db-1", 5432), false);
        expected.put(tcp("stranger", "keycloak", 8443), false);
        expected.put(tcp("stranger", "keycloak", 8080), false);
        expected.put(tcp("kafka-broker", "kafka-broker", 9090), true);
        expected.put(tcp("kafka-broker", "kafka-broker", 9091), true);
        expected.put(tcp("entity-operator", "kafka-broker", 9091), true);
        expected.put(tcp("entity-operator", "api-server", 443), true);
        expected.put(tcp("keycloak-operator", "api-server", 443), true);
        expected.put(tcp("keycloak-operator", "keycloak-db-1", 5432), false);
        expected.put(tcp("targets-db-1", "api-server", 6443), true);
        expected.put(tcp("kafka-exporter", "kafka-broker", 9091), true);
        expected.put(tcp("prometheus", "kafka-exporter", 9404), true);
        expected.put(tcp("prometheus", "kafka-broker", 9404), true);
        expected.put(tcp("strimzi-operator", "kafka-broker", 9091), true);
        expected.put(tcp("planpulse-kafka-admin", "kafka-broker", 9093), true);
        expected.put(tcp("subscriber", "kafka-broker", 9094), true);
        expected.put(tcp("subscriber", "kafka-broker", 9093), false);
        expected.put(tcp("subscriber", "kafka-broker", 9091), false);
        expected.put(tcp("stranger", "kafka-broker", 9093), false);
        expected.put(tcp("gateway", "kafka-broker", 9093), false);
        expected.put(tcp("keycloak", "kafka-broker", 9093), false);
        expected.put(tcp("planpulse-kafka-admin", "targets-db-1", 5432), false);
        expected.put(tcp("kafka-exporter", "kafka-broker", 9093), false);

        Map<String, Boolean> wrong = new TreeMap<>();
        expected.forEach((flow, allowed) -> {
            boolean decided = world.policies().allows(world.endpoint(flow.from()), world.endpoint(flow.to()), flow.port(),
                    flow.protocol());
            if (decided != allowed) {
                wrong.put(flow.toString(), decided);
            }
        });
        assertEquals(Map.of(), wrong, overlay + ": flows decided otherwise than needed (true: passes, false: blocked)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theNamespaceDeniesWhatNoPolicyAllows(String overlay) {
        Rendered r = Rendered.of(overlay);
        assertTrue(r.ofKind("NetworkPolicy").stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                        && p.path("spec").path("policyTypes").toString().contains("Ingress")
                        && p.path("spec").path("policyTypes").toString().contains("Egress")
                        && !p.path("spec").has("ingress") && !p.path("spec").has("egress")),
                "a policy selecting every pod with no rule, for ingress and egress");
    }

    private static Flow tcp(String from, String to, int port) {
        return new Flow(from, to, port, "TCP");
    }

    private static String database(String service) {
        return service.substring(0, service.indexOf('-')) + "-db";
    }

    /** The pods of one overlay and the cluster around it, and the policies that apply to them. */
    record World(Map<String, Endpoint> endpoints, NetworkPolicies policies) {

        static World of(Rendered rendered) throws IOException {
            String namespace = rendered.objects().get(0).path("metadata").path("namespace").asText();
            JsonNode data = Rendered.YAML.readTree(NetworkFlowsTest.class.getResourceAsStream("/cluster-pods.yaml"));
            Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
            namespaces.put(namespace, Map.of("kubernetes.io/metadata.name", namespace));
            data.path("namespaces").fieldNames().forEachRemaining(n -> namespaces.put(n, Map.of("kubernetes.io/metadata.name", n)));
            Map<String, Endpoint> endpoints = new LinkedHashMap<>();
            List<JsonNode> pods = new ArrayList<>();
            data.path("pods").forEach(pods::add);
            for (JsonNode pod : pods) {
                if (pod.path("perCluster").asBoolean(false)) {
                    for (JsonNode cluster : rendered.ofKind("Cluster")) {
                        add(endpoints, pod, Rendered.name(cluster), namespace);
                    }
                } else {
                    add(endpoints, pod, null, namespace);
                }
            }
            for (JsonNode deployment : rendered.ofKind("Deployment")) {
                JsonNode template = deployment.path("spec").path("template");
                Map<String, Integer> ports = new LinkedHashMap<>();
                template.path("spec").path("containers").forEach(c -> c.path("ports").forEach(
                        p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt())));
                endpoints.put(Rendered.name(deployment), pod(Rendered.name(deployment), namespace,
                        strings(template.path("metadata").path("labels")), ports, endpoints.size()));
            }
            JsonNode admin = Rendered.YAML.readTree(Rendered.root().resolve("deploy/tools/kafka-admin.yaml").toFile());
            endpoints.put(Rendered.name(admin), pod(Rendered.name(admin), namespace,
                    strings(admin.path("metadata").path("labels")), Map.of(), endpoints.size()));
            endpoints.put("subscriber", SUBSCRIBER);
            endpoints.put("api-server", API_SERVER);

            NetworkPolicies policies = new NetworkPolicies(namespaces);
            rendered.ofKind("NetworkPolicy").forEach(p -> policies.add(namespace, p));
            rendered.ofKind("Kafka").forEach(k -> policies.add(namespace, NetworkPolicies.strimziKafkaPolicy(k)));
            return new World(endpoints, policies);
        }

        private static void add(Map<String, Endpoint> endpoints, JsonNode pod, String cluster, String namespace) {
            String name = fill(pod.path("name").asText(), cluster, namespace);
            Map<String, String> labels = new LinkedHashMap<>();
            strings(pod.path("labels")).forEach((k, v) -> labels.put(k, fill(v, cluster, namespace)));
            Map<String, Integer> ports = new LinkedHashMap<>();
            pod.path("ports").fields().forEachRemaining(p -> ports.put(p.getKey(), p.getValue().asInt()));
            endpoints.put(name, pod(name, fill(pod.path("namespace").asText(), cluster, namespace), labels, ports,
                    endpoints.size()));
        }

        private static Pod pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports, int n) {
            return new Pod(name, namespace, labels, ports, "10.244." + (n / 250) + "." + (n % 250 + 2));
        }

        private static String fill(String text, String cluster, String namespace) {
            return text.replace("{namespace}", namespace).replace("{cluster}", cluster == null ? "{cluster}" : cluster);
        }

        private static Map<String, String> strings(JsonNode object) {
            Map<String, String> out = new LinkedHashMap<>();
            object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }

        Endpoint endpoint(String name) {
            Endpoint endpoint = endpoints.get(name);
            if (endpoint == null) {
                throw new AssertionError("no pod or address " + name + " in " + endpoints.keySet());
            }
            return endpoint;
        }

        int port(String pod, String name) {
            Integer port = ((Pod) endpoint(pod)).ports().get(name);
            if (port == null) {
                throw new AssertionError(pod + " has no port " + name);
            }
            return port;
        }
    }
}
