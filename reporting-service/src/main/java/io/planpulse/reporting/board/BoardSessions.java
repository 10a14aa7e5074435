package io.planpulse.reporting.board;

import io.planpulse.platform.rest.Roles;
import io.planpulse.reporting.repository.SessionRepository;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The board's sign-in by login link (DESIGN §8): a link carries a short-lived token, which is accepted
 * once and exchanged for a session; the browser keeps only the session's random id, in an HttpOnly
 * cookie, and the database only its hash.
 */
@ApplicationScoped
public class BoardSessions {

    /** Why a login token was refused, in words a person who followed the link can act on. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    private static final String DEV_TENANT = "dev";
    private static final Set<String> ROLES = Set.of(Roles.VIEWER, Roles.PLANNER, Roles.REPORTER, Roles.ADMIN);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final SessionRepository sessions;
    private final TenantIdentityProvider devTenant;
    private final boolean linksAccepted;
    private final BoardConfig config;
    private final Clock clock;

    /**
     * Login links are signed by the development key, so they are accepted exactly where the
     * development tenant is on (the launcher's plain {@code up}, the tests), never in a cluster.
     */
    public BoardSessions(Pool pool, SessionRepository sessions, @Tenant(DEV_TENANT) TenantIdentityProvider devTenant,
                         @ConfigProperty(name = "quarkus.oidc." + DEV_TENANT + ".tenant-enabled") boolean linksAccepted,
                         BoardConfig config, Clock clock) {
        this.pool = pool;
        this.sessions = sessions;
        this.devTenant = devTenant;
        this.linksAccepted = linksAccepted;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Verifies a login token through the development tenant (signature, issuer, audience, expiry),
     * checks it has a role and a short life and, the first time it is used, opens a session for its
     * subject; who it is and the session's id.
     */
    public Uni<SignedIn> signIn(String token) {
        if (!linksAccepted) {
            return Uni.createFrom().failure(new RefusedException("login links are not accepted here: sign in with "
                    + "your account"));
        }
        return devTenant.authenticate(new AccessTokenCredential(token))
                .onFailure().transform(e -> new RefusedException("the link's token is not valid (or has expired)"))
                .flatMap(identity -> open((JsonWebToken) identity.getPrincipal()));
    }

    /** Who a login link signed in, and the id of their session, for the cookie. */
    public record SignedIn(String subject, String cookie) {
    }

    private Uni<SignedIn> open(JsonWebToken jwt) {
        if (jwt.getGroups().stream().noneMatch(ROLES::contains)) {
            return Uni.createFrom().failure(new RefusedException("the link's token has no planpulse role"));
        }
        if (jwt.getTokenID() == null || jwt.getIssuedAtTime() == 0
                || jwt.getExpirationTime() - jwt.getIssuedAtTime() > config.loginTokenMaxAge().toSeconds()) {
            return Uni.createFrom().failure(new RefusedException("a login link's token must have an id (jti) and live at "
                    + "most " + config.loginTokenMaxAge().toMinutes() + " minutes"));
        }
        String subject = jwt.getName() == null ? jwt.getSubject() : jwt.getName();
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Instant now = clock.instant();
        return pool.withTransaction(c -> sessions.useLoginToken(c, jwt.getTokenID(),
                        Instant.ofEpochSecond(jwt.getExpirationTime()))
                .flatMap(first -> {
                    if (!first) {
                        throw new RefusedException("this login link was used before: ask for a new one");
                    }
                    return sessions.create(c, hash(cookie), subject, now, now.plus(config.sessionDuration()));
                }))
                .replaceWith(new SignedIn(subject, cookie));
    }

    /** The subject of the session a cookie names, if it is still open. */
    public Uni<Optional<String>> subject(String cookie) {
        return pool.withConnection(c -> sessions.subject(c, hash(cookie), clock.instant()));
    }

    public Uni<Void> signOut(String cookie) {
        return pool.withConnection(c -> sessions.delete(c, hash(cookie)));
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeExpired() {
        return pool.withConnection(c -> sessions.removeExpired(c, clock.instant()))
                .invoke(n -> Log.debugf("removed %d expired board sessions and login tokens", n))
                .replaceWithVoid();
    }

    private static byte[] hash(String cookie) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cookie.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
