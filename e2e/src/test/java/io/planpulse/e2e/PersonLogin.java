package io.planpulse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.local.LocalRealm;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person signing in through the board's client as a browser would, but over plain HTTP: the
 * authorization request with PKCE, Keycloak's login form filled in, the code exchanged with the
 * client's secret. Gives the person's tokens, for the checks of what a person may call.
 */
final class PersonLogin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private PersonLogin() {
    }

    /** The tokens of a person whose password is their name (deploy/local/keycloak/realm-local.yaml), the board at {@code board}. */
    static JsonNode tokens(LocalRealm realm, String board, String username) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = board + "/signed-in";
        String endpoint = realm.issuer() + "/protocol/openid-connect";
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/auth?" + form(Map.of(
                "client_id", LocalRealm.BOARD_CLIENT, "response_type", "code", "scope", "openid", "redirect_uri", redirect,
                "state", "s", "code_challenge", challenge, "code_challenge_method", "S256")))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = FORM_ACTION.matcher(login.body());
        if (login.statusCode() != 200 || !action.find()) {
            throw new AssertionError("no login form: " + login.statusCode() + " " + login.body());
        }
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", username,
                        "credentialId", "")))).build(), HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (signedIn.statusCode() != 302 || !location.startsWith(redirect) || !code.find()) {
            throw new AssertionError(username + " was not sent back with a code: " + signedIn.statusCode() + " " + location);
        }
        HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", code.group(1), "redirect_uri", redirect, "client_id", LocalRealm.BOARD_CLIENT,
                        "client_secret", realm.placeholder(LocalRealm.BOARD_SECRET), "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (tokens.statusCode() != 200) {
            throw new AssertionError("the code was not exchanged: " + tokens.body());
        }
        return JSON.readTree(tokens.body());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
