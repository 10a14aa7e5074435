package io.planpulse.platform.audit;

import io.planpulse.platform.rest.Identities;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Puts every write (any method but GET, HEAD and OPTIONS) and every call of an {@link Audited}
 * method in the audit trail once its answer is known, refused ones too: who (the identity, or
 * {@code anonymous} when it had none or a bad one), what (method and path), how it ended (the
 * status) and from where (the client's address; behind the gateway, the one it forwards). The answer
 * waits for the row, so what was answered is on record.
 */
public class AuditFilter {

    private final AuditTrail trail;
    private final CurrentIdentityAssociation identity;

    public AuditFilter(AuditTrail trail, CurrentIdentityAssociation identity) {
        this.trail = trail;
        this.identity = identity;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource,
                            RoutingContext context) {
        String method = request.getMethod();
        Audited audited = resource == null || resource.getResourceClass() == null ? null : annotation(resource);
        boolean write = !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
        if (audited == null && !write) {
            return Uni.createFrom().voidItem();
        }
        String action = audited != null ? audited.value() : AuditEvent.WRITE;
        String what = method + " " + context.request().path();
        String origin = context.request().remoteAddress() == null ? null : context.request().remoteAddress().hostAddress();
        return identity.getDeferredIdentity().onFailure().recoverWithNull()
                .flatMap(i -> trail.record(Identities.name(i), Identities.dept(i), action, what, response.getStatus(), origin));
    }

    private static Audited annotation(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes())
                    .getAnnotation(Audited.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
