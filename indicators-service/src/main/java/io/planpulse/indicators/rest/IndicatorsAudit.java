package io.planpulse.indicators.rest;

import io.planpulse.platform.audit.AuditResource;
import io.planpulse.platform.audit.AuditTrail;
import jakarta.ws.rs.Path;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This service's audit trail, for admins (DESIGN §8). */
@Path("/api/v1/audit/indicators")
@Tag(name = "audit")
public class IndicatorsAudit extends AuditResource {

    public IndicatorsAudit(AuditTrail trail, Clock clock) {
        super(trail, clock);
    }
}
