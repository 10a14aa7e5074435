package io.planpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.planpulse.model.event.Topic;
import io.planpulse.model.event.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the operators do with the rendered overlays that their schemas cannot tell: the Kafka version
 * the pinned Strimzi runs, databases apart and backed up, synchronous replication in prod, the replicas
 * spread and scaled within what consumers can use, the routes in and the subscriber template.
 */
class ClusterTest {

    private static final String BARMAN = "barman-cloud.cloudnative-pg.io";

    private static Map<String, Rendered> overlays;

    @BeforeAll
    static void render() {
        overlays = new LinkedHashMap<>();
        for (String overlay : List.of("dev", "prod")) {
            overlays.put(overlay, Rendered.of(overlay));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaRunsAVersionThePinnedStrimziSupportsTheSameAsTheLocalBroker(String overlay) throws IOException {
        JsonNode kafka = overlays.get(overlay).get("Kafka", "planpulse").path("spec").path("kafka");
        String version = kafka.path("version").asText();
        JsonNode known = null;
        for (JsonNode v : Rendered.YAML.readTree(CrdSchemas.location().resolve("strimzi/kafka-versions.yaml").toFile())) {
            if (version.equals(v.path("version").asText())) {
                known = v;
            }
        }
        assertTrue(known != null && known.path("supported").asBoolean(), "Kafka " + version
                + " is not one Strimzi's kafka-versions.yaml marks supported");
        assertEquals(known.path("metadata").asText(), kafka.path("metadataVersion").asText(), "metadataVersion");
        String pom = Files.readString(Rendered.root().resolve("deploy/local/kafka/pom.xml"));
        Matcher local = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertTrue(local.find());
        assertEquals(version, local.group(1), "the broker ./planpulse up and the tests start runs the cluster's version");
        assertFalse(kafka.path("config").path("auto.create.topics.enable").asBoolean(true), "no topic is made on the fly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDatabaseHasAClusterOfItsOwnBackedUpContinuouslyAndNightly(String overlay) {
        Rendered r = overlays.get(overlay);
        Map<String, String> databases = new LinkedHashMap<>();
        for (ObjectNode cluster : r.ofKind("Cluster")) {
            JsonNode spec = cluster.path("spec");
            databases.put(spec.path("bootstrap").path("initdb").path("database").asText(), Rendered.name(cluster));
            JsonNode archiver = null;
            for (JsonNode plugin : spec.path("plugins")) {
                if (plugin.path("isWALArchiver").asBoolean()) {
                    archiver = plugin;
                }
            }
            assertTrue(archiver != null && BARMAN.equals(archiver.path("name").asText()), Rendered.id(cluster)
                    + " archives its WAL through the Barman Cloud plugin");
            r.get("ObjectStore", archiver.path("parameters").path("barmanObjectName").asText());
            assertTrue(r.ofKind("ScheduledBackup").stream().anyMatch(b -> b.path("spec").path("cluster").path("name").asText()
                            .equals(Rendered.name(cluster)) && "plugin".equals(b.path("spec").path("method").asText())
                            && BARMAN.equals(b.path("spec").path("pluginConfiguration").path("name").asText())),
                    Rendered.id(cluster) + " has a ScheduledBackup through the plugin");
            assertFalse(spec.path("enableSuperuserAccess").asBoolean(true), Rendered.id(cluster));
        }
        assertEquals(Set.of("targets", "indicators", "reporting", "keycloak"), databases.keySet());
        assertEquals(4, new TreeSet<>(databases.values()).size(), "each database in a cluster of its own");
        for (String service : ManifestsTest.SERVICES) {
            String url = ManifestsTest.settings(r, ManifestsTest.typed(r.get("Deployment", service),
                    io.fabric8.kubernetes.api.model.apps.Deployment.class).getSpec().getTemplate().getSpec().getContainers()
                    .get(0)).get("QUARKUS_DATASOURCE_REACTIVE_URL");
            String db = service.substring(0, service.indexOf('-'));
            assertEquals("postgresql://" + databases.get(db) + "-rw:5432/" + db, url, service);
        }
        JsonNode keycloak = r.get("Keycloak", "planpulse-keycloak").path("spec").path("db");
        assertEquals(databases.get("keycloak") + "-rw", keycloak.path("host").asText());
        assertEquals("keycloak", keycloak.path("database").asText());
    }

    @Test
    void prodLosesNoAcknowledgedCommitInAFailover() {
        for (ObjectNode cluster : overlays.get("prod").ofKind("Cluster")) {
            JsonNode spec = cluster.path("spec");
            assertEquals(3, spec.path("instances").asInt(), Rendered.id(cluster));
            JsonNode sync = spec.path("postgresql").path("synchronous");
            assertEquals("any", sync.path("method").asText(), Rendered.id(cluster) + ": quorum replication");
            assertEquals(1, sync.path("number").asInt(), Rendered.id(cluster));
            assertEquals("required", sync.path("dataDurability").asText("required"), Rendered.id(cluster));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceSpreadsItsOwnReplicasOverNodes(String overlay) {
        Rendered r = overlays.get(overlay);
        for (String service : ManifestsTest.SERVICES) {
            JsonNode template = r.get("Deployment", service).path("spec").path("template");
            Map<String, String> own = new LinkedHashMap<>();
            template.path("metadata").path("labels").fields().forEachRemaining(e -> own.put(e.getKey(), e.getValue().asText()));
            boolean hostnameHard = false;
            for (JsonNode constraint : template.path("spec").path("topologySpreadConstraints")) {
                JsonNode selector = constraint.path("labelSelector");
                assertTrue(NetworkPolicies.selects(selector, own), service + " spreads its own pods");
                for (String other : ManifestsTest.SERVICES) {
                    if (!other.equals(service)) {
                        Map<String, String> theirs = new LinkedHashMap<>();
                        r.get("Deployment", other).path("spec").path("template").path("metadata").path("labels").fields()
                                .forEachRemaining(e -> theirs.put(e.getKey(), e.getValue().asText()));
                        assertFalse(NetworkPolicies.selects(selector, theirs), service + " counts " + other + "'s pods");
                    }
                }
                hostnameHard |= "kubernetes.io/hostname".equals(constraint.path("topologyKey").asText())
                        && "DoNotSchedule".equals(constraint.path("whenUnsatisfiable").asText());
            }
            assertTrue(hostnameHard, service + ": never two replicas on a node while another has none");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void anAutoscalerThatCanOutgrowItsPartitionsSaysSo(String overlay) {
        Rendered r = overlays.get(overlay);
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (Topic topic : Topics.ALL) {
            partitions.put(topic.name(), topic.partitions());
        }
        for (String service : ManifestsTest.SERVICES) {
            ServiceFacts facts = ServiceFacts.of(service);
            boolean sharedGroup = facts.groups().stream().anyMatch(g -> !g.contains("${"));
            if (!sharedGroup) {
                continue;
            }
            int fewest = facts.incomingTopics().stream().mapToInt(partitions::get).min().orElseThrow();
            JsonNode hpa = r.get("HorizontalPodAutoscaler", service);
            int max = hpa.path("spec").path("maxReplicas").asInt();
            String said = hpa.path("metadata").path("annotations").path("planpulse.io/consumer-partitions").asText("");
            assertTrue(max <= fewest || said.equals(Integer.toString(fewest)), service + " scales to " + max
                    + " replicas over " + fewest + " partitions without saying that the rest serve REST only");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGatewayRoutesEveryApiToItsServiceTheLiveStreamWithoutTimeoutAndNeverHealthOrMetrics(String overlay)
            throws IOException {
        Rendered r = overlays.get(overlay);
        Map<String, String> routed = new LinkedHashMap<>();
        for (ObjectNode route : r.ofKind("HTTPRoute")) {
            for (JsonNode parent : route.path("spec").path("parentRefs")) {
                JsonNode gateway = r.get("Gateway", parent.path("name").asText());
                String section = parent.path("sectionName").asText();
                JsonNode listener = null;
                for (JsonNode l : gateway.path("spec").path("listeners")) {
                    if (l.path("name").asText().equals(section)) {
                        listener = l;
                    }
                }
                assertTrue(listener != null && "HTTPS".equals(listener.path("protocol").asText()), Rendered.id(route)
                        + " is served over TLS");
                assertEquals(listener.path("hostname").asText(), route.path("spec").path("hostnames").get(0).asText(),
                        Rendered.id(route));
            }
            for (JsonNode rule : route.path("spec").path("rules")) {
                for (JsonNode backend : rule.path("backendRefs")) {
                    String name = backend.path("name").asText();
                    if (!name.equals("planpulse-keycloak-service")) {
                        assertEquals(80, r.get("Service", name).path("spec").path("ports").get(0).path("port").asInt(), name);
                    }
                    for (JsonNode match : rule.path("matches")) {
                        String path = match.path("path").path("value").asText();
                        assertFalse(path.startsWith("/q"), Rendered.id(route) + " routes " + path);
                        routed.put(path, name);
                        if (path.equals("/board/events")) {
                            assertEquals("0s", rule.path("timeouts").path("request").asText(), "the live stream stays open");
                        }
                    }
                }
            }
        }
        for (String service : ManifestsTest.SERVICES) {
            for (String root : apiRoots(service)) {
                assertEquals(service, routed.get(root), root + " is routed to " + service + ": " + routed);
            }
        }
        assertEquals("reporting-service", routed.get("/"));
        assertEquals("reporting-service", routed.get("/board/events"));
        assertEquals("reporting-service", routed.get("/signed-in"), "Keycloak sends people back to the board there");
        assertEquals("reporting-service", routed.get("/signed-out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceTakesKeycloaksTokensOnlyAndTheBoardSignsPeopleInThere(String overlay) {
        Rendered r = overlays.get(overlay);
        for (String service : ManifestsTest.SERVICES) {
            Map<String, String> env = ManifestsTest.settings(r, ManifestsTest.typed(r.get("Deployment", service),
                    io.fabric8.kubernetes.api.model.apps.Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0));
            assertEquals("https://planpulse-keycloak-service:8443/realms/planpulse", env.get("QUARKUS_OIDC_AUTH_SERVER_URL"), service);
            // no development tenant (its key, its login links) in a cluster
            assertTrue(env.keySet().stream().noneMatch(k -> k.startsWith("QUARKUS_OIDC_DEV_")), service + ": " + env.keySet());
            assertEquals(service.equals("reporting-service") ? "true" : null, env.get("QUARKUS_OIDC_BOARD_TENANT_ENABLED"), service);
        }
        JsonNode secret = ManifestsTest.findEnv(r, "reporting-service", "QUARKUS_OIDC_BOARD_CREDENTIALS_SECRET")
                .path("valueFrom").path("secretKeyRef");
        JsonNode placeholder = r.get("KeycloakRealmImport", "planpulse").path("spec").path("placeholders")
                .path("PLANPULSE_BOARD_CLIENT_SECRET").path("secret");
        assertEquals(placeholder.path("name").asText() + "/" + placeholder.path("key").asText(),
                secret.path("name").asText() + "/" + secret.path("key").asText(),
                "the board and Keycloak take the client's secret from the same Secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void peopleAreSentBackOnlyToTheBoardsOwnHostAndTokensNameTheGatewaysAuthHost(String overlay) {
        Rendered r = overlays.get(overlay);
        Set<String> hosts = new TreeSet<>();
        r.get("Gateway", "planpulse").path("spec").path("listeners").forEach(l -> hosts.add(l.path("hostname").asText()));
        for (JsonNode client : r.get("KeycloakRealmImport", "planpulse").path("spec").path("realm").path("clients")) {
            List<String> uris = new ArrayList<>();
            client.path("redirectUris").forEach(u -> uris.add(u.asText()));
            String logout = client.path("attributes").path("post.logout.redirect.uris").asText("");
            uris.addAll(logout.isEmpty() ? List.of() : List.of(logout.split("##")));
            for (String uri : uris) {
                String host = uri.replaceFirst("^https://", "").replaceFirst("/.*$", "");
                assertTrue(uri.startsWith("https://") && hosts.contains(host) && !uri.contains("*"),
                        client.path("clientId").asText() + " sends people to " + uri + ", not an exact address on " + hosts);
            }
        }
        String keycloakUrl = r.get("Keycloak", "planpulse-keycloak").path("spec").path("hostname").path("hostname").asText();
        assertTrue(keycloakUrl.startsWith("https://"), "Keycloak's public address is a full https URL: " + keycloakUrl);
        String keycloakHost = keycloakUrl.substring("https://".length());
        assertTrue(hosts.contains(keycloakHost), "Keycloak answers as " + keycloakHost + ", a host of the gateway " + hosts);
        JsonNode settings = r.get("ConfigMap", "planpulse-settings").path("data");
        assertEquals("https://" + keycloakHost + "/realms/planpulse", settings.path("QUARKUS_OIDC_TOKEN_ISSUER").asText(),
                "tokens name the issuer Keycloak answers as");
    }

    @Test
    void theSubscriberTemplateReadsThePublishedTopicsInItsOwnGroupsAndWritesNothing() throws IOException {
        JsonNode user = Rendered.YAML.readTree(Rendered.root().resolve("deploy/subscriber/kafkauser.yaml").toFile());
        assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText());
        Set<String> published = new TreeSet<>();
        for (var e : ManifestsTest.designTopics().entrySet()) {
            if (e.getValue().producer().equals("reporting-service")) {
                published.add(e.getKey());
            }
        }
        Set<String> read = new TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            List<String> operations = new ArrayList<>();
            acl.path("operations").forEach(o -> operations.add(o.asText()));
            assertEquals(List.of("Read", "Describe"), operations, acl.toString());
            JsonNode resource = acl.path("resource");
            if (resource.path("type").asText().equals("topic")) {
                assertEquals("literal", resource.path("patternType").asText());
                read.add(resource.path("name").asText());
            } else {
                assertEquals("group", resource.path("type").asText());
                assertEquals("prefix", resource.path("patternType").asText());
                assertEquals(Rendered.name(user) + ".", resource.path("name").asText(), "a group prefix of its own");
            }
        }
        assertEquals(published, read);
        JsonNode external = null;
        for (JsonNode listener : overlays.get("prod").get("Kafka", "planpulse").path("spec").path("kafka").path("listeners")) {
            if (!"internal".equals(listener.path("type").asText())) {
                external = listener;
            }
        }
        assertTrue(external != null && external.path("tls").asBoolean()
                && "scram-sha-512".equals(external.path("authentication").path("type").asText()), "an external TLS + SCRAM listener");
    }

    /** The class-level @Path of a service's REST resources under /api. */
    private static Set<String> apiRoots(String service) throws IOException {
        Set<String> roots = new LinkedHashSet<>();
        Pattern path = Pattern.compile("(?m)^@Path\\(\"(/api/[^\"]+)\"\\)");
        try (Stream<Path> files = Files.walk(Rendered.root().resolve(service).resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("Resource.java")).toList()) {
                Matcher m = path.matcher(Files.readString(file));
                while (m.find()) {
                    roots.add(m.group(1));
                }
            }
        }
        assertFalse(roots.isEmpty(), service + " has REST resources under /api");
        return roots;
    }
}
