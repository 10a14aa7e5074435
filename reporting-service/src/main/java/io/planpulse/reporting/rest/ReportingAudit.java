package io.planpulse.reporting.rest;

import io.planpulse.platform.audit.AuditResource;
import io.planpulse.platform.audit.AuditTrail;
import jakarta.ws.rs.Path;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This service's audit trail, for admins (DESIGN §8). */
@Path("/api/v1/audit/reporting")
@Tag(name = "audit")
public class ReportingAudit extends AuditResource {

    public ReportingAudit(AuditTrail trail, Clock clock) {
        super(trail, clock);
    }
}
