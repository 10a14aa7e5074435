package io.planpulse.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.deploy.Rendered;
import io.planpulse.model.event.Topics;
import io.planpulse.local.KeycloakServer;
import io.planpulse.local.LocalRealm;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Kafka cluster's security as it will run: the broker with the dev overlay's Kafka resource
 * (listeners, authorizer, config), the users and ACLs of its {@code KafkaUser}s and of the subscriber
 * template, and the three services run with their Deployments' settings (their ConfigMaps and Secret
 * references), replacing only {@link #REPLACED}: hosts, ports and secret values.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIBER = "city-dashboard";

    /**
     * The settings whose cluster values cannot hold on one machine, and what stands in for them; every
     * other setting of a Deployment is passed as the overlay renders it. Services also gives each its
     * HTTP port, database URLs and credentials and the broker address. No development tenant: every
     * token comes from Keycloak.
     */
    private static final Set<String> REPLACED = Set.of(
            "QUARKUS_HTTP_PORT", "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",   // the embedded PostgreSQL
            "KAFKA_BOOTSTRAP_SERVERS",                                       // the scram listener's local port
            "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_CERTIFICATES",  // secret values made here
            "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_TOKEN_ISSUER",   // the local Keycloak, with the same realm
            "QUARKUS_TLS_TRUST_STORE_PEM_CERTS");                           // a mounted secret's path

    /** Where the realm sends people back to (never reached: the code is taken from the redirect). */
    private static final String BOARD = "http://127.0.0.1:8083";

    private static KeycloakServer keycloak;
    private static LocalRealm realm;
    private static ClusterKafka kafka;
    private static Services services;
    private static final Map<String, String> passwords = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        keycloak = KeycloakServer.startNew(Services.root(), Path.of("target", "e2e-logs", "keycloak-cluster.log").toAbsolutePath());
        realm = LocalRealm.importInto(keycloak, Services.root(), BOARD);
        Rendered dev = Rendered.of("dev");
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "cluster-kafka-");
        kafka = ClusterKafka.start(Services.root(), dev.get("Kafka", "planpulse"), dir);
        for (JsonNode user : dev.ofKind("KafkaUser")) {
            passwords.put(Rendered.name(user), kafka.createUser(user));
        }
        passwords.put(SUBSCRIBER, kafka.createUser(subscriberUser()));
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String service : Services.NAMES) {
            settings.put(service, settings(dev, service));
        }
        services = Services.start(kafka.broker(), kafka.bootstrap("scram"), settings);
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /** A Deployment's environment as the cluster gives it, with {@link #REPLACED} put in for the local stand-ins. */
    private static Map<String, String> settings(Rendered dev, String service) {
        JsonNode container = dev.get("Deployment", service).path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            dev.get("ConfigMap", from.path("configMapRef").path("name").asText()).path("data").fields()
                    .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode var : container.path("env")) {
            JsonNode secret = var.path("valueFrom").path("secretKeyRef");
            env.put(var.path("name").asText(), secret.isMissingNode() ? var.path("value").asText()
                    : secretValue(secret.path("name").asText(), secret.path("key").asText()));
        }
        Set<String> missing = new TreeSet<>(REPLACED);
        missing.removeAll(env.keySet());
        assertEquals(Set.of(), missing, service + ": settings replaced here that its Deployment no longer gives");
        env.remove("QUARKUS_HTTP_PORT");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", realm.issuer());
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", realm.issuer());
        env.put("QUARKUS_TLS_TRUST_STORE_PEM_CERTS", kafka.caFile().toString());
        return env;
    }

    /** The value a Secret of the cluster would hold: the users' from the broker, the CA's, the board client's, the databases' (replaced). */
    private static String secretValue(String secret, String key) {
        if (secret.equals("planpulse-cluster-ca-cert") && key.equals("ca.crt")) {
            return kafka.caPem();
        }
        if (passwords.containsKey(secret) && key.equals("sasl.jaas.config")) {
            return ClusterKafka.jaas(secret, passwords.get(secret));
        }
        if (secret.equals("planpulse-board-oidc") && key.equals("client-secret")) {
            return realm.placeholder(LocalRealm.BOARD_SECRET);
        }
        if (secret.startsWith("planpulse-db-")) {
            return "replaced by Services";
        }
        throw new AssertionError("a Secret the test cannot stand in for: " + secret + "/" + key);
    }

    private static JsonNode subscriberUser() throws Exception {
        String template = Files.readString(Services.root().resolve("deploy/subscriber/kafkauser.yaml"));
        return Rendered.YAML.readTree(template.replace("SUBSCRIBER", SUBSCRIBER));
    }

    @Test
    @Order(1)
    void aReportFlowsFromItsPostToItsProgressEventThroughTheAuthenticatedListeners() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int created = 0;
        while (created == 0 && System.nanoTime() < deadline) {
            var response = given().auth().oauth2(realm.clientToken("dept-transport")).contentType(ContentType.JSON)
                    .body("{\"reports\": [{\"indicatorId\": \"YXE-TRAINS\", \"period\": \"2021-01\", \"value\": 110}]}")
                    .post(services.url("indicators-service") + "/api/v1/reports/batch");
            assertEquals(200, response.statusCode(), response.asString());
            created = response.path("created");
            Thread.sleep(250);
        }
        assertEquals(1, created, "indicators-service learned the plan over the scram listener");
        // a subscriber reads it where subscribers read: the external listener, as itself, in a group of its own
        try (KafkaConsumer<String, byte[]> consumer = subscriber(SUBSCRIBER + ".e2e")) {
            consumer.subscribe(List.of(Topics.INDICATOR_PROGRESS));
            JsonNode found = null;
            deadline = System.nanoTime() + WAIT.toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode document = record.value() == null ? null : JSON.readTree(record.value());
                    if ("YXE-TRAINS".equals(record.key()) && document != null && "2021-01".equals(document.path("period").asText())) {
                        found = document;
                    }
                }
            }
            assertTrue(found != null, "the report's progress event reached the subscriber");
            assertEquals(110, found.path("actual").asInt());
        }
    }

    @Test
    @Order(2)
    void theSubscriberReadsOnlyThePublishedTopicsInItsOwnGroupsAndWritesNothing() throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = subscriber(SUBSCRIBER + ".read")) {
            consumer.subscribe(List.of(Topics.PROGRESS_ALERTS, Topics.PLAN_ROLLUPS));
            Set<String> read = new TreeSet<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!read.contains(Topics.PLAN_ROLLUPS) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.topic()));
            }
            assertTrue(read.contains(Topics.PLAN_ROLLUPS), "the subscriber reads the plan's roll-ups");
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producer(SUBSCRIBER))) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> producer.send(
                    new ProducerRecord<>(Topics.INDICATOR_PROGRESS, "YXE-TRAINS", "{}".getBytes(StandardCharsets.UTF_8))).get());
            assertTrue(refused.getCause() instanceof TopicAuthorizationException, refused.toString());
        }
        try (KafkaConsumer<String, byte[]> consumer = subscriber(SUBSCRIBER + ".plans")) {
            consumer.subscribe(List.of(Topics.PLAN_TARGETS));
            assertThrows(TopicAuthorizationException.class, () -> pollFor(consumer, Duration.ofSeconds(20)));
        }
        try (KafkaConsumer<String, byte[]> consumer = subscriber("someone-else")) {
            consumer.subscribe(List.of(Topics.INDICATOR_PROGRESS));
            assertThrows(GroupAuthorizationException.class, () -> pollFor(consumer, Duration.ofSeconds(20)));
        }
    }

    @Test
    @Order(3)
    void aServiceWhoseAclIsRemovedFailsWithAClearErrorAndPublishesOnceItIsBack() throws Exception {
        Rendered dev = Rendered.of("dev");
        List<AclBinding> write = new ArrayList<>();
        for (AclBinding acl : ClusterKafka.acls(dev.get("KafkaUser", "targets-service"))) {
            if (acl.pattern().resourceType() == ResourceType.TOPIC && acl.pattern().name().equals(Topics.PLAN_TARGETS)
                    && acl.entry().operation() == AclOperation.WRITE) {
                write.add(acl);
            }
        }
        assertEquals(1, write.size());
        kafka.removeAcls(write);
        Path log = services.log("targets-service");
        long from = Files.size(log);
        String plan = PlanDocuments.airQuality("acl-check", "权限检查", "ACL-PM25");
        given().auth().oauth2(PersonLogin.tokens(realm, BOARD, "planner-drc").path("access_token").asText()).contentType("application/yaml").body(plan.getBytes(StandardCharsets.UTF_8))
                .put(services.url("targets-service") + "/api/v1/plans/acl-check").then().statusCode(201);
        String said = "";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!said.contains("Not authorized to access topics: [" + Topics.PLAN_TARGETS + "]") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            byte[] bytes = Files.readAllBytes(log);
            said = new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8);
        }
        assertTrue(said.contains("TopicAuthorizationException: Not authorized to access topics: [" + Topics.PLAN_TARGETS + "]"),
                "targets-service's log says why it cannot publish:\n" + said);
        kafka.addAcls(write);
        try (TopicReader reader = new TopicReader(kafka.broker().bootstrapServers(), Topics.PLAN_TARGETS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.until(r -> !TopicReader.ofKey(r, "plan:acl-check").isEmpty(), WAIT);
            assertTrue(!TopicReader.ofKey(records, "plan:acl-check").isEmpty(), "the plan waited in the outbox and went out");
        }
    }

    @Test
    @Order(4)
    void keycloaksTokensAreTakenForTheirRoleAndDepartmentAndNoOtherTokenIs() throws Exception {
        String plans = services.url("targets-service") + "/api/v1/plans/fyp14";
        String reports = services.url("indicators-service") + "/api/v1/reports";
        String report = "{\"indicatorId\": \"YXE-TRAINS\", \"period\": \"2021-02\", \"value\": 111}";
        // a department system's token carries what the services read: audience, role, department
        String stats = realm.clientToken("dept-stats");
        JsonNode claims = claims(stats);
        assertEquals(realm.issuer(), claims.path("iss").asText());
        assertTrue(claims.path("aud").toString().contains("\"planpulse\""), claims.toString());
        assertTrue(claims.path("groups").toString().contains("\"reporter\""), claims.toString());
        assertEquals("STATS", claims.path("dept").asText(), claims.toString());
        assertEquals("service-account-dept-stats", claims.path("upn").asText(), claims.toString());
        // and it reports only for its own department's indicators
        given().auth().oauth2(stats).contentType(ContentType.JSON).body(report).post(reports).then().statusCode(403);
        given().auth().oauth2(realm.clientToken("dept-transport")).contentType(ContentType.JSON).body(report).post(reports)
                .then().statusCode(201);
        // a person who views reads, and writes nothing; the ID token names their role and department too
        JsonNode person = PersonLogin.tokens(realm, BOARD, "viewer-drc");
        JsonNode id = claims(person.path("id_token").asText());
        assertEquals("DRC", id.path("dept").asText(), id.toString());
        assertTrue(id.path("groups").toString().contains("\"viewer\""), id.toString());
        String viewer = person.path("access_token").asText();
        given().auth().oauth2(viewer).get(plans).then().statusCode(200);
        given().auth().oauth2(viewer).contentType("application/yaml")
                .body(PlanDocuments.airQuality("viewer-try", "查看者", "VIEW-PM25").getBytes(StandardCharsets.UTF_8))
                .put(services.url("targets-service") + "/api/v1/plans/viewer-try").then().statusCode(403);
        // a token for another audience: a client of the realm without planpulse's scope
        realm.admin("POST", "/admin/realms/planpulse/clients", "{\"clientId\": \"another-system\", \"secret\": \"s3cret\", "
                + "\"publicClient\": false, \"serviceAccountsEnabled\": true, \"standardFlowEnabled\": false}", 201);
        String otherAudience = realm.clientToken("another-system");
        // a token of another realm, whose client claims the same audience, role and department
        realm.admin("POST", "/admin/realms", """
                {"realm": "elsewhere", "enabled": true, "clients": [{"clientId": "dept-transport", "secret": "s3cret",
                  "publicClient": false, "serviceAccountsEnabled": true, "standardFlowEnabled": false, "protocolMappers": [
                    {"name": "audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                     "config": {"included.custom.audience": "planpulse", "access.token.claim": "true"}},
                    {"name": "groups", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
                     "config": {"claim.name": "groups", "claim.value": "[\\"reporter\\"]", "jsonType.label": "JSON",
                                "access.token.claim": "true"}},
                    {"name": "dept", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
                     "config": {"claim.name": "dept", "claim.value": "TRANSPORT", "jsonType.label": "String",
                                "access.token.claim": "true"}}]}]}""", 201);
        var elsewhere = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "dept-transport").formParam("client_secret", "s3cret")
                .post(keycloak.url() + "/realms/elsewhere/protocol/openid-connect/token");
        assertEquals(200, elsewhere.statusCode(), elsewhere.asString());
        String otherRealm = elsewhere.path("access_token");
        JsonNode elsewhereClaims = claims(otherRealm);
        assertTrue(elsewhereClaims.path("aud").toString().contains("planpulse")
                && elsewhereClaims.path("groups").toString().contains("reporter"), "the other realm's token claims the audience planpulse and the role reporter: " + elsewhereClaims);
        // and the development key's token, which the cluster never takes
        for (String token : List.of(otherAudience, otherRealm, Tokens.planner())) {
            given().auth().oauth2(token).get(plans).then().statusCode(401).body("code", equalTo("INVALID_TOKEN"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(report).post(reports).then().statusCode(401);
        }
    }

    @Test
    @Order(5)
    void aRotatedSigningKeyIsTakenUpWithoutARestart() throws Exception {
        String before = realm.clientToken("dept-transport");
        String realmId = JSON.readTree(realm.admin("GET", "/admin/realms/planpulse", null, 200)).path("id").asText();
        // a new key, preferred from now on, as an administrator rotates them
        realm.admin("POST", "/admin/realms/planpulse/components", """
                {"name": "rotated", "providerId": "rsa-generated", "providerType": "org.keycloak.keys.KeyProvider",
                 "parentId": "%s", "config": {"priority": ["500"], "keySize": ["2048"], "algorithm": ["RS256"]}}"""
                .formatted(realmId), 201);
        String after = realm.clientToken("dept-transport");
        assertTrue(!keyId(before).equals(keyId(after)), "the new token is signed with the new key");
        // the services fetch the keys again when a token names a new one, at most every 10 s (a token of another
        // realm, above, made them fetch a moment ago): within that it is taken, and the old key's tokens still are
        String report = "{\"indicatorId\": \"YXE-TRAINS\", \"period\": \"2021-03\", \"value\": 112}";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (status != 201 && System.nanoTime() < deadline) {
            status = given().auth().oauth2(after).contentType(ContentType.JSON).body(report)
                    .post(services.url("indicators-service") + "/api/v1/reports").statusCode();
            if (status != 201) {
                assertEquals(401, status);
                Thread.sleep(1000);
            }
        }
        assertEquals(201, status, "a token signed with the rotated key is taken");
        given().auth().oauth2(after).get(services.url("reporting-service") + "/api/v1/progress/plans/fyp14").then().statusCode(200);
        given().auth().oauth2(before).get(services.url("targets-service") + "/api/v1/plans/fyp14").then().statusCode(200);
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String keyId(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0])).path("kid").asText();
    }

    private static KafkaConsumer<String, byte[]> subscriber(String group) {
        Map<String, Object> config = kafka.client("external", SUBSCRIBER, passwords.get(SUBSCRIBER));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> producer(String user) {
        Map<String, Object> config = kafka.client("external", user, passwords.get(user));
        // a plain producer: whether it may write at all, not whether it may write idempotently
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** Polls until the consumer fails (the broker refuses it) or the time is up. */
    private static void pollFor(KafkaConsumer<String, byte[]> consumer, Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500));
        }
    }
}
