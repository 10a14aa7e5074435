package io.planpulse.reporting.rest;

import io.planpulse.platform.audit.AuditEvent;
import io.planpulse.platform.audit.AuditTrail;
import io.planpulse.platform.rest.Identities;
import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the board's sign-ins with the identity provider in the audit trail: Quarkus OIDC reports each
 * completed code flow (a first sign-in, or one after the session expired). The row is written beside
 * the answer (the event comes from inside the sign-in); one the database cannot take goes to the log.
 */
@ApplicationScoped
public class BoardSignInAudit {

    private final AuditTrail trail;

    public BoardSignInAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void signedIn(@Observes SecurityEvent event) {
        if (event.getEventType() != SecurityEvent.Type.OIDC_LOGIN || event.getSecurityIdentity() == null) {
            return;
        }
        SecurityIdentity person = event.getSecurityIdentity();
        RoutingContext context = person.getAttribute(RoutingContext.class.getName());
        trail.record(Identities.name(person), Identities.dept(person), AuditEvent.SIGN_IN, "identity provider", 200,
                        context == null ? null : context.request().remoteAddress().hostAddress())
                .subscribe().with(done -> { });
    }
}
