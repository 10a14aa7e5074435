package io.planpulse.indicators.service;

import io.planpulse.indicators.domain.CatalogueEntry;
import io.planpulse.indicators.domain.Obligation;
import io.planpulse.indicators.domain.ObligationCalculator;
import io.planpulse.indicators.repository.CatalogueRepository;
import io.planpulse.indicators.repository.ReportRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a department owes: per indicator it owns or co-owns, the periods due and overdue. */
@ApplicationScoped
public class ObligationService {

    private final Pool pool;
    private final CatalogueRepository catalogue;
    private final ReportRepository reports;
    private final Clock clock;

    public ObligationService(Pool pool, CatalogueRepository catalogue, ReportRepository reports, Clock clock) {
        this.pool = pool;
        this.catalogue = catalogue;
        this.reports = reports;
        this.clock = clock;
    }

    public record Obligations(String dept, Instant asOf, List<Obligation> items) {
    }

    public Uni<Obligations> of(String dept) {
        Instant now = clock.instant();
        return pool.withConnection(c -> catalogue.ownedBy(c, dept).flatMap(entries -> reports
                .reportedPeriods(c, entries.stream().map(e -> e.indicator().id()).toList())
                .map(reported -> new Obligations(dept, now, entries.stream()
                        .map(e -> obligation(e, reported.getOrDefault(e.indicator().id(), Set.of()), now))
                        .flatMap(Optional::stream).toList()))));
    }

    private static Optional<Obligation> obligation(CatalogueEntry entry, Set<String> reported, Instant now) {
        return ObligationCalculator.of(entry, reported, now);
    }
}
