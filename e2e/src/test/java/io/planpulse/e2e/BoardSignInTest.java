package io.planpulse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.local.KafkaBroker;
import io.planpulse.local.KeycloakServer;
import io.planpulse.local.LocalRealm;
import io.planpulse.testing.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * People sign in to the board with Keycloak, as under {@code ./planpulse up --sso}: the realm of
 * deploy/ in a real Keycloak, reporting-service with the board's tenant on. A person signs in
 * through Keycloak's own form in Chromium, sees their role and department, and signs out of both;
 * every way of cheating the code flow (a forged or replayed state, a missing or wrong code, a
 * foreign address to return to) and a cross-site write are refused with a page, and sign no one in.
 */
class BoardSignInTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private static KeycloakServer keycloak;
    private static LocalRealm realm;
    private static Services services;
    private static String board;

    @BeforeAll
    static void start() throws Exception {
        keycloak = KeycloakServer.startNew(Services.root(), Path.of("target", "e2e-logs", "keycloak-board.log").toAbsolutePath());
        int port = KafkaBroker.freePort();
        board = "http://127.0.0.1:" + port;
        realm = LocalRealm.importInto(keycloak, Services.root(), board);
        KafkaBroker broker = KafkaBroker.startNew(Services.root(),
                Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "kafka-"));
        // what ./planpulse up --sso gives the services
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String name : Services.NAMES) {
            Map<String, String> env = new LinkedHashMap<>(Tokens.tenantEnvironment());
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", realm.issuer());
            settings.put(name, env);
        }
        settings.get("reporting-service").putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_OIDC_BOARD_TENANT_ENABLED", "true",
                "QUARKUS_OIDC_BOARD_CREDENTIALS_SECRET", realm.placeholder(LocalRealm.BOARD_SECRET)));
        services = Services.start(broker, broker.bootstrapServers(), settings);
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aPersonSignsInThroughKeycloaksFormSeesTheirDepartmentAndSignsOutOfBoth() throws Exception {
        ChromeDriver browser = Browsers.chromium();
        try {
            WebDriverWait waiting = new WebDriverWait(browser, WAIT);
            browser.get(board + "/");
            waiting.until(d -> d.getCurrentUrl().startsWith(realm.issuer()) && !d.findElements(By.id("username")).isEmpty());
            browser.findElement(By.id("username")).sendKeys("planner-drc");
            browser.findElement(By.id("password")).sendKeys("planner-drc");
            browser.findElement(By.id("kc-login")).click();
            waiting.until(d -> d.getCurrentUrl().equals(board + "/") && !d.findElements(By.id("person")).isEmpty());
            String person = browser.findElement(By.id("person")).getText();
            assertTrue(person.contains("planner-drc") && person.contains("planner") && person.contains("DRC"), person);
            assertTrue(browser.manage().getCookies().stream().anyMatch(c -> c.getName().startsWith("q_session") && c.isHttpOnly()),
                    "the session is an HttpOnly cookie: " + browser.manage().getCookies());
            browser.findElement(By.id("sign-out")).click();
            try {
                waiting.until(d -> d.getCurrentUrl().equals(board + "/signed-out"));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("not signed out: at " + browser.getCurrentUrl() + "\n" + browser.getPageSource(), e);
            }
            assertFalse(browser.findElements(By.id("signed-out")).isEmpty());
            // Keycloak's session ended too: the board leads to its form again, not silently back in
            browser.get(board + "/");
            waiting.until(d -> d.getCurrentUrl().startsWith(realm.issuer()) && !d.findElements(By.id("username")).isEmpty());
        } finally {
            browser.quit();
        }
    }

    @Test
    void theLiveStreamAnswers401WithoutASessionAndAPageLeadsToTheLogin() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> stream = b.get(board + "/board/events?plan=fyp14", "text/event-stream");
        assertEquals(401, stream.statusCode(), "a stream cannot follow a login: " + stream.headers().map());
        HttpResponse<String> page = b.get(board + "/", "text/html");
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").startsWith(realm.issuer()
                + "/protocol/openid-connect/auth?"), page.headers().map().toString());
        assertTrue(page.headers().firstValue("Location").orElse("").contains("code_challenge_method=S256"), "PKCE");
        b.signIn("viewer-drc");
        HttpResponse<String> signedIn = b.get(board + "/", "text/html");
        assertEquals(200, signedIn.statusCode());
        assertTrue(signedIn.body().contains("viewer-drc") && signedIn.body().contains("viewer"), "role on the page");
    }

    @Test
    void anEndedSessionLeadsBackToTheLoginAndItsStreamAnswers401() throws Exception {
        // short-lived tokens, so that the board must renew its session soon after signing in
        realm.admin("PUT", "/admin/realms/planpulse", "{\"accessTokenLifespan\": 5}", 204);
        try {
            Browser b = new Browser();
            b.signIn("viewer-transport");
            assertEquals(200, b.get(board + "/", "text/html").statusCode());
            // the person's session at Keycloak ends (an administrator ends it, or it times out)
            String id = JSON.readTree(realm.admin("GET", "/admin/realms/planpulse/users?exact=true&username=viewer-transport",
                    null, 200)).get(0).path("id").asText();
            realm.admin("POST", "/admin/realms/planpulse/users/" + id + "/logout", null, 204);
            Thread.sleep(8000); // the board's ID token has expired, and it cannot be renewed
            HttpResponse<String> stream = b.get(board + "/board/events?plan=fyp14", "text/event-stream");
            assertEquals(401, stream.statusCode(), "the stream of an ended session: " + stream.headers().map());
            HttpResponse<String> page = b.get(board + "/", "text/html");
            assertEquals(302, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Location").orElse("").startsWith(realm.issuer() + "/protocol/openid-connect/auth?"),
                    "back to the login: " + page.headers().map());
        } finally {
            realm.admin("PUT", "/admin/realms/planpulse", "{\"accessTokenLifespan\": 900}", 204);
        }
    }

    @Test
    void aForgedOrReplayedStateOrAMissingOrWrongCodeSignsNoOneInAndSaysSo() throws Exception {
        // a forged state: the browser started a sign-in, the state it comes back with is not that one
        Browser b = new Browser();
        URI auth = b.startSignIn();
        String state = param(auth, "state");
        assertRefused(b.get(board + "/signed-in?state=forged-" + state + "&code=anything", "text/html"), b);
        // a missing code, then a wrong one, each for a state this browser did start
        b = new Browser();
        state = param(b.startSignIn(), "state");
        assertRefused(b.get(board + "/signed-in?state=" + enc(state), "text/html"), b);
        b = new Browser();
        state = param(b.startSignIn(), "state");
        assertRefused(b.get(board + "/signed-in?state=" + enc(state) + "&code=not-a-code", "text/html"), b);
        // a replayed answer: a real sign-in's answer, taken to another browser (or used again)
        Browser person = new Browser();
        String answer = person.answerFromKeycloak(person.startSignIn(), "viewer-drc");
        Browser attacker = new Browser();
        assertRefused(attacker.get(answer, "text/html"), attacker);
        assertEquals(302, person.get(answer, "text/html").statusCode(), "the person's own browser completes it once");
        assertEquals(200, person.get(board + "/", "text/html").statusCode());
        assertRefused(attacker.get(answer, "text/html"), attacker);
    }

    @Test
    void keycloakSendsNoOneToAnAddressTheBoardClientDoesNotList() throws Exception {
        Browser b = new Browser();
        URI auth = b.startSignIn();
        String foreign = auth.toString().replace(enc(board + "/signed-in"), enc("https://elsewhere.example/signed-in"));
        HttpResponse<String> refused = b.get(foreign, "text/html");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("redirect_uri"), "Keycloak's page says which parameter: " + refused.body());
        assertFalse(refused.headers().firstValue("Location").isPresent());
    }

    @Test
    void aWriteFromAnotherSiteOrWithoutThePagesTokenIsRefusedAndChangesNothing() throws Exception {
        Browser b = new Browser();
        b.signIn("viewer-drc");
        HttpResponse<String> refused = b.post(board + "/logout", "", null);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("未作任何更改"), refused.body());
        String token = tokenOf(b.get(board + "/", "text/html").body());
        HttpResponse<String> crossSite = b.post(board + "/logout", "csrf=" + enc(token), "https://elsewhere.example");
        assertEquals(403, crossSite.statusCode());
        assertEquals(200, b.get(board + "/", "text/html").statusCode(), "still signed in");
        HttpResponse<String> signOut = b.post(board + "/logout", "csrf=" + enc(token), board);
        assertEquals(303, signOut.statusCode(), signOut.body());
        assertTrue(signOut.headers().firstValue("Location").orElse("").startsWith(realm.issuer()
                + "/protocol/openid-connect/logout?"), signOut.headers().map().toString());
    }

    private static void assertRefused(HttpResponse<String> response, Browser b) throws Exception {
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.body().contains("No one was signed in") || response.body().contains("could not be completed"),
                "a page that says why: " + response.body());
        assertTrue(b.cookies.names().stream().noneMatch(n -> n.startsWith("q_session")), "no session: " + b.cookies.names());
    }

    private static String tokenOf(String page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), "the page's form carries its token");
        return m.group(1);
    }

    private static String param(URI uri, String name) {
        Matcher m = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        assertTrue(m.find(), name + " in " + uri);
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A browser's HTTP: its own cookies, no redirect followed (each is looked at). */
    private static final class Browser {
        final LoopbackCookies cookies = new LoopbackCookies();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url, String accept) throws Exception {
            // a stream that is let through never ends: the timeout turns that into a failure
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).header("Accept-Language", "en")
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, String form, String origin) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded");
            if (origin != null) {
                request.header("Origin", origin);
            }
            return http.send(request.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Opens the board, which sends it to Keycloak; the address it was sent to. */
        URI startSignIn() throws Exception {
            HttpResponse<String> page = get(board + "/", "text/html");
            assertEquals(302, page.statusCode(), page.body());
            return URI.create(page.headers().firstValue("Location").orElseThrow());
        }

        /** Fills in Keycloak's form as the person; the address Keycloak sends the browser back to (not followed). */
        String answerFromKeycloak(URI auth, String username) throws Exception {
            HttpResponse<String> login = get(auth.toString(), "text/html");
            Matcher action = LOGIN_FORM.matcher(login.body());
            assertTrue(login.statusCode() == 200 && action.find(), "Keycloak's form: " + login.body());
            HttpResponse<String> answer = post(action.group(1).replace("&amp;", "&"),
                    "username=" + enc(username) + "&password=" + enc(username) + "&credentialId=", null);
            String location = answer.headers().firstValue("Location").orElse("");
            assertTrue(answer.statusCode() == 302 && location.startsWith(board + "/signed-in?"), answer.statusCode() + " " + location);
            return location;
        }

        void signIn(String username) throws Exception {
            HttpResponse<String> back = get(answerFromKeycloak(startSignIn(), username), "text/html");
            assertEquals(302, back.statusCode(), back.body());
            assertTrue(cookies.names().stream().anyMatch(n -> n.startsWith("q_session")), "signed in: " + cookies.names());
        }
    }
}
