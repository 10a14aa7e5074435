package io.planpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether Kubernetes lets a connection through, the way the NetworkPolicy API defines it: a
 * connection leaves when no policy of its namespace selects the source pod for egress, or one of those
 * that do has an egress rule admitting the destination and port; it arrives on the same terms for
 * ingress at the destination. Peers are pod selectors (in the policy's namespace), namespace selectors,
 * both together, or address blocks; ports are numbers (with endPort), names resolved on the destination
 * pod, or absent (every port); protocols default to TCP; policyTypes default to Ingress, plus Egress when
 * egress rules are given. Pods of namespaces without policies here are not restricted.
 */
final class NetworkPolicies {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a connection starts or ends: a pod, or an address outside the cluster's pods. */
    sealed interface Endpoint permits Pod, Address {
        String ip();
    }

    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports, String ip)
            implements Endpoint {
        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    record Address(String ip) implements Endpoint {
        @Override
        public String toString() {
            return ip;
        }
    }

    private record Policy(String namespace, JsonNode spec, String name) {
    }

    private final List<Policy> policies = new ArrayList<>();
    private final Map<String, Map<String, String>> namespaceLabels;

    NetworkPolicies(Map<String, Map<String, String>> namespaceLabels) {
        this.namespaceLabels = namespaceLabels;
    }

    void add(String namespace, JsonNode policy) {
        policies.add(new Policy(namespace, policy.path("spec"), policy.path("metadata").path("name").asText()));
    }

    /** Whether a connection from {@code from} to {@code to} on {@code port}/{@code protocol} gets through. */
    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return leaves(from, to, port, protocol) && arrives(from, to, port, protocol);
    }

    private boolean leaves(Endpoint from, Endpoint to, int port, String protocol) {
        if (!(from instanceof Pod source)) {
            return true;
        }
        List<Policy> selecting = selecting(source, "Egress");
        return selecting.isEmpty() || selecting.stream().anyMatch(p -> rules(p.spec().path("egress")).stream().anyMatch(rule ->
                peers(rule, "to", p.namespace(), to) && ports(rule, to, port, protocol)));
    }

    private boolean arrives(Endpoint from, Endpoint to, int port, String protocol) {
        if (!(to instanceof Pod destination)) {
            return true;
        }
        List<Policy> selecting = selecting(destination, "Ingress");
        return selecting.isEmpty() || selecting.stream().anyMatch(p -> rules(p.spec().path("ingress")).stream().anyMatch(rule ->
                peers(rule, "from", p.namespace(), from) && ports(rule, to, port, protocol)));
    }

    private List<Policy> selecting(Pod pod, String type) {
        return policies.stream()
                .filter(p -> p.namespace().equals(pod.namespace()))
                .filter(p -> types(p.spec()).contains(type))
                .filter(p -> selects(p.spec().path("podSelector"), pod.labels()))
                .toList();
    }

    private static Set<String> types(JsonNode spec) {
        if (spec.has("policyTypes")) {
            List<String> types = new ArrayList<>();
            spec.path("policyTypes").forEach(t -> types.add(t.asText()));
            return Set.copyOf(types);
        }
        return spec.has("egress") ? Set.of("Ingress", "Egress") : Set.of("Ingress");
    }

    private static List<JsonNode> rules(JsonNode rules) {
        List<JsonNode> out = new ArrayList<>();
        rules.forEach(out::add);
        return out;
    }

    /** An absent or empty peer list admits every source (or destination). */
    private boolean peers(JsonNode rule, String field, String policyNamespace, Endpoint endpoint) {
        JsonNode peers = rule.path(field);
        if (!peers.isArray() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            if (peer(peer, policyNamespace, endpoint)) {
                return true;
            }
        }
        return false;
    }

    private boolean peer(JsonNode peer, String policyNamespace, Endpoint endpoint) {
        if (peer.has("ipBlock")) {
            JsonNode block = peer.path("ipBlock");
            if (!inCidr(endpoint.ip(), block.path("cidr").asText())) {
                return false;
            }
            for (JsonNode except : block.path("except")) {
                if (inCidr(endpoint.ip(), except.asText())) {
                    return false;
                }
            }
            return true;
        }
        if (!(endpoint instanceof Pod pod)) {
            return false;
        }
        boolean namespaceMatches = peer.has("namespaceSelector")
                ? selects(peer.path("namespaceSelector"), namespaceLabels.getOrDefault(pod.namespace(), Map.of()))
                : pod.namespace().equals(policyNamespace);
        boolean podMatches = !peer.has("podSelector") || selects(peer.path("podSelector"), pod.labels());
        return namespaceMatches && podMatches;
    }

    /** An absent or empty port list admits every port; a named port is resolved on the destination pod. */
    private static boolean ports(JsonNode rule, Endpoint to, int port, String protocol) {
        JsonNode ports = rule.path("ports");
        if (!ports.isArray() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!p.path("protocol").asText("TCP").equals(protocol)) {
                continue;
            }
            JsonNode value = p.path("port");
            if (value.isMissingNode() || value.isNull()) {
                return true;
            }
            if (value.isInt() || value.asText().matches("\\d+")) {
                int from = value.asInt();
                int until = p.path("endPort").asInt(from);
                if (port >= from && port <= until) {
                    return true;
                }
            } else if (to instanceof Pod pod && Integer.valueOf(port).equals(pod.ports().get(value.asText()))) {
                return true;
            }
        }
        return false;
    }

    /** A label selector: every matchLabels pair and every matchExpression hold; an empty selector selects all. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (var it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean holds = switch (expression.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new AssertionError("unknown selector operator " + expression);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String ip, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] address = InetAddress.getByName(ip).getAddress();
            if (network.length != address.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            int shift = network.length * 8 - bits;
            return new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, address).shiftRight(shift));
        } catch (UnknownHostException e) {
            throw new AssertionError("not an address: " + ip + " / " + cidr, e);
        }
    }

    /**
     * The policy Strimzi makes for a Kafka cluster's broker pods (KafkaCluster.generateNetworkPolicy in
     * Strimzi 1.2): control plane 9090 from the brokers and the cluster operator; replication 9091 from
     * the brokers, the cluster operator, the entity operator, the Kafka exporter and Cruise Control; the
     * agent 8443 from the cluster operator; each listener's port from its networkPolicyPeers (everyone
     * when it has none); the metrics port 9404 from everyone when metrics are on. The cluster operator
     * runs in another namespace, so it is admitted from any namespace.
     */
    static ObjectNode strimziKafkaPolicy(JsonNode kafka) {
        String cluster = kafka.path("metadata").path("name").asText();
        ObjectNode policy = JSON.createObjectNode();
        policy.putObject("metadata").put("name", cluster + "-network-policy-kafka");
        ObjectNode spec = policy.putObject("spec");
        ObjectNode brokers = JSON.createObjectNode();
        brokers.putObject("podSelector").putObject("matchLabels")
                .put("strimzi.io/cluster", cluster).put("strimzi.io/kind", "Kafka").put("strimzi.io/name", cluster + "-kafka");
        spec.set("podSelector", brokers.path("podSelector").deepCopy());
        ObjectNode operator = JSON.createObjectNode();
        operator.putObject("podSelector").putObject("matchLabels").put("strimzi.io/kind", "cluster-operator");
        operator.putObject("namespaceSelector");
        ArrayNode ingress = spec.putArray("ingress");
        rule(ingress, 9090, List.of(brokers, operator));
        rule(ingress, 9091, List.of(operator, brokers, named(cluster + "-entity-operator"), named(cluster + "-kafka-exporter"),
                named(cluster + "-cruise-control")));
        rule(ingress, 8443, List.of(operator));
        for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
            List<JsonNode> peers = new ArrayList<>();
            listener.path("networkPolicyPeers").forEach(peers::add);
            rule(ingress, listener.path("port").asInt(), peers);
        }
        if (kafka.path("spec").path("kafka").has("metricsConfig")) {
            rule(ingress, 9404, List.of());
        }
        return policy;
    }

    private static ObjectNode named(String name) {
        ObjectNode peer = JSON.createObjectNode();
        peer.putObject("podSelector").putObject("matchLabels").put("strimzi.io/name", name);
        return peer;
    }

    private static void rule(ArrayNode ingress, int port, List<? extends JsonNode> peers) {
        ObjectNode rule = ingress.addObject();
        rule.putArray("ports").addObject().put("protocol", "TCP").put("port", port);
        ArrayNode from = rule.putArray("from");
        peers.forEach(from::add);
    }
}
