package io.planpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The planpulse realm in a local Keycloak: the realm of {@code deploy/overlays/dev} as it renders,
 * imported through the admin API, then the local differences of
 * {@code deploy/local/keycloak/realm-local.yaml} (the board's local address, test people with
 * passwords, the values the cluster takes from Secrets) applied the same way.
 */
public final class LocalRealm {

    public static final String NAME = "planpulse";
    /** The board's client, whose secret reporting-service needs. */
    public static final String BOARD_CLIENT = "planpulse-board";
    public static final String BOARD_SECRET = "PLANPULSE_BOARD_CLIENT_SECRET";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final KeycloakServer keycloak;
    private final Map<String, String> placeholders;
    private String admin;
    private long adminExpires;

    private LocalRealm(KeycloakServer keycloak, Map<String, String> placeholders) {
        this.keycloak = keycloak;
        this.placeholders = placeholders;
    }

    /** Imports the realm into {@code keycloak} with the board answering at {@code board} (e.g. http://127.0.0.1:8083). */
    public static LocalRealm importInto(KeycloakServer keycloak, Path root, String board) {
        try {
            JsonNode local = YAML.readTree(root.resolve("deploy/local/keycloak/realm-local.yaml").toFile());
            JsonNode realmImport = rendered(root);
            Map<String, String> values = placeholders(realmImport.path("spec").path("placeholders"), local.path("placeholders"));
            String realm = substitute(JSON.writeValueAsString(realmImport.path("spec").path("realm")), values);
            LocalRealm r = new LocalRealm(keycloak, values);
            r.send("POST", "/admin/realms", realm, 201);
            r.applyClients(local.path("clients"), board);
            r.applyUsers(local.path("users"));
            r.addPeople(local.path("people"));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The issuer of the realm's tokens, e.g. http://127.0.0.1:8180/realms/planpulse. */
    public String issuer() {
        return keycloak.url() + "/realms/" + NAME;
    }

    /** The value a placeholder of the realm got here (what the cluster takes from a Secret). */
    public String placeholder(String name) {
        String value = placeholders.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the realm has no placeholder " + name);
        }
        return value;
    }

    /** A token of a confidential client of the realm (a department system), by the client-credentials grant. */
    public String clientToken(String clientId) {
        try {
            JsonNode client = JSON.readTree(send("GET", "/admin/realms/" + NAME + "/clients?clientId="
                    + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null, 200));
            if (client.isEmpty()) {
                throw new IllegalArgumentException("the realm has no client " + clientId);
            }
            String secret = JSON.readTree(send("GET", "/admin/realms/" + NAME + "/clients/" + client.get(0).path("id").asText()
                    + "/client-secret", null, 200)).path("value").asText();
            HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials",
                            "client_id", clientId, "client_secret", secret)))));
            if (response.statusCode() != 200) {
                throw new IllegalStateException(clientId + " got no token: " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call of Keycloak's admin API as its administrator; the answer's body, when it has the expected status. */
    public String admin(String method, String path, String body, int expected) {
        return send(method, path, body, expected);
    }

    /** The KeycloakRealmImport that {@code kubectl kustomize deploy/overlays/dev} renders. */
    static JsonNode rendered(Path root) throws IOException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", root.resolve("deploy/overlays/dev").toString())
                .redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!kubectl.waitFor(2, TimeUnit.MINUTES) || kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize deploy/overlays/dev failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String document : out.split("(?m)^---$")) {
            JsonNode object = YAML.readTree(document);
            if (object != null && "KeycloakRealmImport".equals(object.path("kind").asText())) {
                return object;
            }
        }
        throw new IllegalStateException("deploy/overlays/dev renders no KeycloakRealmImport");
    }

    /** A value for every placeholder the import declares, from the local file ("random": made now). */
    private static Map<String, String> placeholders(JsonNode declared, JsonNode local) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<String> names = declared.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String value = local.path(name).asText(null);
            if (value == null) {
                throw new IllegalStateException("deploy/local/keycloak/realm-local.yaml gives no value for " + name);
            }
            values.put(name, value.equals("random") ? random() : value);
        }
        return values;
    }

    private static String substitute(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the realm uses ${" + m.group(1) + "}, which its import does not declare");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private void applyClients(JsonNode changes, String board) throws IOException {
        JsonNode clients = JSON.readTree(send("GET", "/admin/realms/" + NAME + "/clients", null, 200));
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> change = it.next();
            String id = change.getKey();
            int matched = 0;
            for (JsonNode client : clients) {
                String clientId = client.path("clientId").asText();
                if (id.endsWith("*") ? clientId.startsWith(id.substring(0, id.length() - 1)) : clientId.equals(id)) {
                    String text = JSON.writeValueAsString(change.getValue()).replace("{board}", board)
                            .replace("{clientId}", clientId);
                    ObjectNode merged = merge((ObjectNode) client.deepCopy(), JSON.readTree(text));
                    send("PUT", "/admin/realms/" + NAME + "/clients/" + client.path("id").asText(),
                            JSON.writeValueAsString(merged), 204);
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalStateException("realm-local.yaml changes the client " + id + ", which the realm has not");
            }
        }
    }

    private void applyUsers(JsonNode changes) throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> change = it.next();
            JsonNode found = JSON.readTree(send("GET", "/admin/realms/" + NAME + "/users?exact=true&username="
                    + URLEncoder.encode(change.getKey(), StandardCharsets.UTF_8), null, 200));
            if (found.isEmpty()) {
                throw new IllegalStateException("realm-local.yaml changes the user " + change.getKey() + ", which the realm has not");
            }
            String id = found.get(0).path("id").asText();
            ObjectNode user = merge((ObjectNode) found.get(0).deepCopy(), change.getValue());
            JsonNode credentials = user.remove("credentials");
            send("PUT", "/admin/realms/" + NAME + "/users/" + id, JSON.writeValueAsString(user), 204);
            if (credentials != null) {
                for (JsonNode credential : credentials) {
                    send("PUT", "/admin/realms/" + NAME + "/users/" + id + "/reset-password",
                            JSON.writeValueAsString(credential), 204);
                }
            }
        }
    }

    private void addPeople(JsonNode people) throws IOException {
        for (JsonNode person : people) {
            String username = person.path("username").asText();
            ObjectNode user = JSON.createObjectNode().put("username", username).put("enabled", true)
                    .put("email", username + "@planpulse.local").put("emailVerified", true)
                    .put("firstName", person.path("firstName").asText(username))
                    .put("lastName", person.path("lastName").asText(username));
            user.putObject("attributes").putArray("dept").add(person.path("dept").asText());
            user.putArray("groups").add("/" + person.path("group").asText());
            ArrayNode credentials = user.putArray("credentials");
            credentials.addObject().put("type", "password").put("value", username).put("temporary", false);
            send("POST", "/admin/realms/" + NAME + "/users", JSON.writeValueAsString(user), 201);
        }
    }

    /** {@code base} with the fields of {@code change}: objects merged field by field, anything else replaced. */
    private static ObjectNode merge(ObjectNode base, JsonNode change) {
        change.fields().forEachRemaining(e -> {
            JsonNode old = base.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
        return base;
    }

    /** The administrator's token, signed in again when the last one (a minute's) is about to expire. */
    private synchronized String adminToken() throws IOException {
        if (admin == null || System.nanoTime() > adminExpires) {
            JsonNode token = adminToken(keycloak);
            admin = token.path("access_token").asText();
            adminExpires = System.nanoTime() + (token.path("expires_in").asLong(60) - 15) * 1_000_000_000L;
        }
        return admin;
    }

    private static JsonNode adminToken(KeycloakServer keycloak) throws IOException {
        String form = form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", KeycloakServer.ADMIN,
                "password", keycloak.adminPassword()));
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(keycloak.url()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak's administrator could not sign in: " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private String send(String method, String path, String body, int expected) {
        String token;
        try {
            token = adminToken();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.url() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": Keycloak answered " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
