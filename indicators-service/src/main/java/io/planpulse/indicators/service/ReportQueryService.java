package io.planpulse.indicators.service;

import io.planpulse.indicators.repository.ReportRepository;
import io.planpulse.indicators.repository.StoredRevision;
import io.planpulse.platform.error.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads revisions back. */
@ApplicationScoped
public class ReportQueryService {

    public static final int MAX_PAGE_SIZE = 500;

    private final Pool pool;
    private final ReportRepository reports;

    public ReportQueryService(Pool pool, ReportRepository reports) {
        this.pool = pool;
        this.reports = reports;
    }

    public Uni<ReportPage> list(String indicatorId, String period, int page, int size) {
        checkPage(page, size);
        return pool.withConnection(c -> reports.count(c, indicatorId, period)
                .flatMap(total -> reports.list(c, indicatorId, period, page, size)
                        .map(rows -> new ReportPage(rows.stream().map(ReportQueryService::item).toList(), page, size,
                                total))));
    }

    /** 400 for a page before the first or a size out of bounds. */
    static void checkPage(int page, int size) {
        if (page < 0) {
            throw new InvalidRequestException("INVALID_PAGE", "page counts from 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("INVALID_PAGE_SIZE", "size must be from 1 to " + MAX_PAGE_SIZE);
        }
    }

    static ReportPage.Item item(StoredRevision r) {
        return new ReportPage.Item(r.indicatorId(), r.period(), r.revision(), r.value(), r.provisional(), r.withdrawn(),
                r.note(), r.reason(), r.source(), new ReportPage.ReportedBy(r.dept(), r.subject()), r.receivedAt(),
                r.warnings(), r.review(), r.decision() == null ? null : new ReportPage.Reviewed(
                        new ReportPage.ReportedBy(r.decision().dept(), r.decision().subject()), r.decision().at(),
                        r.decision().comment()));
    }
}
