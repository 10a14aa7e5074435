package io.planpulse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.deploy.Rendered;
import io.planpulse.local.KeycloakServer;
import io.planpulse.local.LocalRealm;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realm of deploy/ in a real Keycloak (the server distribution of deploy/local/keycloak): the dev
 * overlay's {@code KeycloakRealmImport} is imported as it renders, and a department system gets, by
 * client credentials, a token that carries what the services require: the audience planpulse, its
 * role in {@code groups} and its department in {@code dept}.
 */
class KeycloakRealmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KeycloakServer keycloak;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        keycloak = KeycloakServer.startNew(Services.root(), Path.of("target", "e2e-logs", "keycloak.log").toAbsolutePath());
        LocalRealm.importInto(keycloak, Services.root(), "http://127.0.0.1:8083");
        admin = form(keycloak.url() + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", KeycloakServer.ADMIN, "password", keycloak.adminPassword()))
                .path("access_token").asText();
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aDepartmentSystemGetsATokenWithItsRoleDepartmentAndTheServicesAudience() throws Exception {
        JsonNode client = get("/admin/realms/planpulse/clients?clientId=dept-stats").get(0);
        String secret = get("/admin/realms/planpulse/clients/" + client.path("id").asText() + "/client-secret")
                .path("value").asText();
        JsonNode token = form(keycloak.url() + "/realms/planpulse/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", "dept-stats", "client_secret", secret));
        String[] parts = token.path("access_token").asText().split("\\.");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals(keycloak.url() + "/realms/planpulse", claims.path("iss").asText());
        assertTrue(claims.path("aud").toString().contains("\"planpulse\""), "audience planpulse: " + claims);
        assertTrue(claims.path("groups").toString().contains("\"reporter\""), "role reporter in groups: " + claims);
        assertEquals("STATS", claims.path("dept").asText(), claims.toString());
        assertEquals("service-account-dept-stats", claims.path("upn").asText(), claims.toString());
        assertTrue(claims.hasNonNull("sub"), claims.toString());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.url() + path))
                .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode form(String url, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return JSON.readTree(response.body());
    }
}
